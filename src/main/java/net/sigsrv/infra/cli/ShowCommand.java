package net.sigsrv.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import net.sigsrv.infra.plan.PlanFile;
import net.sigsrv.infra.plan.render.PlanJson;
import net.sigsrv.infra.plan.render.PlanText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "show",
        mixinStandardHelpOptions = true,
        header = "Print a plan saved by 'infra plan -out'; touches nothing.",
        description = "Prints the saved plan as 'infra plan' printed it, with the spec it was made from, or with -o"
                + " json the plan's JSON (format_version 1, as 'infra plan -o json') plus a saved_plan object. The"
                + " file is checked first: one that is damaged, of another format, edited after it was saved, or"
                + " sealed by another user is refused (exit 2) with what is wrong. Neither the lab nor the spec is"
                + " read.")
final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PLANFILE", description = "A plan saved by 'infra plan -out PLANFILE'.")
    Path file;

    @Mixin
    TextOrJsonOption output;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        if (output.output == OutputFormat.YAML) {
            throw InfraException.invalidInput("show prints text or json, not yaml");
        }
        PlanFile.Saved saved = SavedPlans.read(file);
        SavedPlans.requireIntact(file, saved);
        var out = command.commandLine().getOut();
        if (output.json()) {
            Map<String, Object> tree = PlanJson.tree(saved.plan());
            tree.put("saved_plan", savedPlan(saved));
            Json.print(out, tree);
        } else {
            out.println("Saved plan " + file + " for lab " + saved.plan().lab() + ", made from "
                    + saved.spec().path() + " (SHA-256 " + saved.spec().sha256() + ").");
            out.println();
            out.print(new PlanText(Terminal.colour()).render(saved.plan()));
            out.println("'infra apply " + file + "' applies it while the spec is unchanged and a plan made now"
                    + " gives the same changes.");
        }
        return ExitCode.OK.code();
    }

    /**
     * What only a saved plan has, added to the plan's JSON (adding a key keeps format_version 1):
     * {@code file_format} (the file's {@code infra_plan}), {@code spec {path, sha256}}, {@code members} and
     * {@code changes_sha256}.
     */
    private static Map<String, Object> savedPlan(PlanFile.Saved saved) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file_format", PlanFile.FORMAT);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("path", saved.spec().path());
        spec.put("sha256", saved.spec().sha256());
        m.put("spec", spec);
        m.put("members", saved.members());
        m.put("changes_sha256", saved.changesDigest());
        return m;
    }
}
