package net.sigsrv.infra.cli;

import picocli.CommandLine.Option;

/**
 * {@code -o/--output text|json} of the commands with a JSON document of their own (validate, plan, show, rules,
 * list, doctor). Each says what it does with {@code yaml}, which the shared {@link OutputFormat} also parses.
 */
class TextOrJsonOption {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json (default: text).")
    OutputFormat output = OutputFormat.TEXT;

    boolean json() {
        return output == OutputFormat.JSON;
    }
}
