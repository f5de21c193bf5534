package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code -o/--output text|json|yaml} of the list and show commands, and the shape they share: the value as JSON or
 * YAML ({@link Structured}: the API's field names), or as the command renders it for people.
 */
final class OutputOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text, json or yaml (default: text).")
    OutputFormat output = OutputFormat.TEXT;

    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    CommandSpec command;

    /** Prints {@code value} as JSON/YAML, or as {@code text} writes it; exit 0. */
    int print(Object value, Consumer<PrintWriter> text) {
        PrintWriter out = command.commandLine().getOut();
        if (output != OutputFormat.TEXT) {
            Structured.print(out, output, value);
        } else {
            text.accept(out);
        }
        return ExitCode.OK.code();
    }

    /** Prints {@code rows} as JSON/YAML, or as {@code table} with one {@code row} added per element; exit 0. */
    <T> int table(List<T> rows, Table table, BiConsumer<Table, T> row) {
        return print(rows, out -> {
            rows.forEach(r -> row.accept(table, r));
            table.print(out);
        });
    }
}
