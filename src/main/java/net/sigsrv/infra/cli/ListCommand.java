package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Category("Help")
@Command(name = "list",
        mixinStandardHelpOptions = true,
        header = "List every command, grouped by category, with a one-line description.",
        description = "Like 'just --list': the operations catalog of infra. 'infra COMMAND --help' tells more.")
final class ListCommand implements Callable<Integer> {

    /** Order in which categories are shown; categories not named here follow in alphabetical order. */
    private static final List<String> ORDER = List.of("Spec", "Lab", "Projects", "Instances", "Networks", "Storage",
            "Backups", "Talos", "Health", "Audit", "Simulator", "Help");

    @Mixin
    TextOrJsonOption output;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        CommandLine root = command.root().commandLine();
        if (output.json()) {
            List<Map<String, String>> rows = new ArrayList<>();
            catalog(root).forEach((category, commands) -> commands.forEach(c -> rows.add(Map.of(
                    "category", category, "command", c.qualifiedName(), "description", header(c)))));
            Json.print(command.commandLine().getOut(), Map.of("commands", rows));
        } else {
            print(root, command.commandLine().getOut());
        }
        return ExitCode.OK.code();
    }

    static void print(CommandLine root, PrintWriter out) {
        Map<String, List<CommandSpec>> catalog = catalog(root);
        int width = catalog.values().stream().flatMap(List::stream)
                .mapToInt(c -> usage(c).length()).max().orElse(10) + 3;
        catalog.forEach((category, commands) -> {
            out.println(category + ":");
            commands.forEach(c -> out.println("  " + String.format("%-" + width + "s", usage(c)) + header(c)));
            out.println();
        });
        out.println("Run 'infra COMMAND --help' for the options of one command.");
    }

    private static Map<String, List<CommandSpec>> catalog(CommandLine root) {
        Map<String, List<CommandSpec>> byCategory = new LinkedHashMap<>();
        ORDER.forEach(c -> byCategory.put(c, new ArrayList<>()));
        collect(root, byCategory);
        byCategory.values().removeIf(List::isEmpty);
        return byCategory;
    }

    private static void collect(CommandLine parent, Map<String, List<CommandSpec>> byCategory) {
        for (CommandLine sub : new LinkedHashSet<>(parent.getSubcommands().values())) {
            Category category = sub.getCommand().getClass().getAnnotation(Category.class);
            String name = category == null ? "Other" : category.value();
            byCategory.computeIfAbsent(name, k -> new ArrayList<>()).add(sub.getCommandSpec());
            collect(sub, byCategory);
        }
    }

    private static String usage(CommandSpec c) {
        StringBuilder s = new StringBuilder(c.qualifiedName());
        c.positionalParameters().forEach(p -> s.append(' ').append(p.arity().min == 0 ? "[" + p.paramLabel() + "]"
                : p.paramLabel()));
        return s.toString();
    }

    private static String header(CommandSpec c) {
        String[] header = c.usageMessage().header();
        return header.length == 0 ? "" : header[0];
    }
}
