package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.diag.Severity;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Spec")
@Command(name = "validate",
        mixinStandardHelpOptions = true,
        header = "Check a lab spec against the schema and the lab's rules; touches nothing.",
        description = "Reads FILE, checks every key and value, then the lab's rules: CIDRs and overlaps, VLAN ids"
                + " and interfaces, bridges on every host, references, names, project limits and host capacity,"
                + " privilege, volume isolation and Talos cluster sanity. Every problem is reported with"
                + " file:line:column and a stable rule ID ('infra rules' lists them); lint warnings are shown but"
                + " only fail under --strict.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:valid (warnings allowed unless --strict)", "2:errors found, or the file is unusable"})
final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The lab spec (YAML).")
    Path file;

    @Option(names = "--strict", description = "Treat lint warnings as errors.")
    boolean strict;

    @Mixin
    TextOrJsonOption output;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        SpecLoader.Loaded loaded = SpecLoader.load(file, file.toString());
        Diagnostics diags = strict ? loaded.diagnostics().map(d -> d.withSeverity(Severity.ERROR))
                : loaded.diagnostics();
        PrintWriter out = command.commandLine().getOut();
        boolean valid = loaded.spec().isPresent() && !diags.hasErrors();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toString());
            json.put("valid", valid);
            json.put("errors", diags.errorCount());
            json.put("warnings", diags.warningCount());
            json.put("diagnostics", Json.diagnostics(diags));
            json.put("not_shown", diags.shown().more()); // beyond the first Diagnostics.MAX_SHOWN
            Json.print(out, json);
        } else {
            DiagnosticText.print(out, diags, loaded.source(), Terminal.colour());
            out.println(valid ? file + ": valid" + loaded.spec().map(ValidateCommand::inventory).orElse("")
                    + (diags.isEmpty() ? "" : " (" + DiagnosticText.plural(diags.warningCount(), "warning") + ")")
                    : file + ": " + DiagnosticText.counts(diags));
        }
        return (valid ? ExitCode.OK : ExitCode.INVALID_INPUT).code();
    }

    private static String inventory(Spec s) {
        long nodes = s.clusters().stream().flatMap(c -> c.nodeGroups().stream()).mapToLong(g -> g.count()).sum();
        return " — " + DiagnosticText.plural(s.hosts().size(), "host") + ", "
                + DiagnosticText.plural(s.networks().size(), "network") + ", "
                + DiagnosticText.plural(s.storage().size(), "pool") + ", "
                + DiagnosticText.plural(s.projects().size(), "project") + ", "
                + DiagnosticText.plural(s.instances().size(), "instance") + ", "
                + DiagnosticText.plural(s.clusters().size(), "cluster") + " (" + nodes + " nodes)";
    }
}
