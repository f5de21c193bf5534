package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.sigsrv.infra.spec.schema.Suggest;
import net.sigsrv.infra.spec.validate.RuleCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Spec")
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        header = "List the validation rules, or explain one by its ID.",
        description = "Every diagnostic names its rule ID (error[network-overlap]); 'infra rules network-overlap'"
                + " says what the rule enforces.")
final class RulesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RULE", arity = "0..1", description = "A rule ID to explain.")
    String id;

    @Option(names = "--markdown", description = "Print the table as Markdown (as in docs/rules.md).")
    boolean markdown;

    @Mixin
    TextOrJsonOption output;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        List<RuleCatalog.Rule> rules = RuleCatalog.RULES.stream().filter(r -> id == null || r.id().equals(id))
                .toList();
        if (rules.isEmpty()) {
            throw InfraException.invalidInput("no rule '" + id + "'" + Suggest.hint(id,
                    RuleCatalog.RULES.stream().map(RuleCatalog.Rule::id).toList()) + "; 'infra rules' lists them");
        }
        PrintWriter out = command.commandLine().getOut();
        if (output.json()) {
            Json.print(out, Map.of("rules", rules.stream().map(r -> Map.of("id", r.id(), "severity",
                    r.severity().label(), "stage", r.stage(), "enforces", r.enforces())).toList()));
        } else if (markdown) {
            out.print(markdown(rules));
        } else {
            int width = rules.stream().mapToInt(r -> r.id().length()).max().orElse(10) + 2;
            rules.forEach(r -> out.println(String.format("%-" + width + "s%-9s%s", r.id(), r.severity().label(),
                    r.enforces())));
        }
        return ExitCode.OK.code();
    }

    static String markdown(List<RuleCatalog.Rule> rules) {
        StringBuilder s = new StringBuilder("| rule | severity | stage | enforces |\n|---|---|---|---|\n");
        rules.forEach(r -> s.append("| `").append(r.id()).append("` | ").append(r.severity().label()).append(" | ")
                .append(r.stage()).append(" | ").append(r.enforces()).append(" |\n"));
        return s.toString();
    }
}
