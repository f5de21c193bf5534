package net.sigsrv.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import net.sigsrv.infra.apply.Observer;
import net.sigsrv.infra.engine.Engine;
import net.sigsrv.infra.engine.IncusLayer;
import net.sigsrv.infra.engine.Planned;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.PlanFile;
import net.sigsrv.infra.plan.render.PlanJson;
import net.sigsrv.infra.plan.render.PlanText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "plan",
        mixinStandardHelpOptions = true,
        header = "Show what apply would change in the lab to match the spec; touches nothing.",
        description = "Reads the lab with bulk list calls (one per resource type per member or project), compares"
                + " it with the spec and prints the changes OpenTofu-style: + create, ~ update in place, -/+"
                + " replace (the field that forces it is marked), - destroy. Only objects this lab owns (marked"
                + " with user.sigsrv-infra.lab) are ever destroyed; protected ones never.")
final class PlanCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The lab spec (YAML).")
    Path file;

    @Mixin
    TextOrJsonOption output;

    @Option(names = {"-out", "--out"}, paramLabel = "PLANFILE",
            description = "Save the plan (mode 0600, sealed with your key); 'infra apply PLANFILE' applies exactly it,"
                    + " while the spec and the lab still give the same plan; 'infra show PLANFILE' prints it.")
    Path out;

    @Option(names = "--detailed-exitcode", description = "Exit 1 when there are changes, 0 when there are none.")
    boolean detailedExitCode;

    @Option(names = "--stats", description = "Also say on stderr how many API calls observing the lab took, and how"
            + " long.")
    boolean stats;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        long loaded;
        Planned planned;
        SpecInput.Digested spec;
        long planning;
        try (Connections.Opening opening = Connections.opening(command)) {
            // what observing reads regardless of the spec starts as soon as the connection is open
            CompletableFuture<Observer> reading = opening.then(c -> new Observer(c).start());
            spec = SpecInput.loadDigested(file, command.commandLine().getErr());
            loaded = System.nanoTime();
            IncusClient client = opening.client();
            planning = System.nanoTime();
            // when the early start failed (the daemon not answering), observing meets that error itself, as before
            Observer observer = reading.exceptionally(e -> new Observer(client)).join();
            planned = Engine.of(new IncusLayer(client, observer)).plan(spec.spec());
        } catch (IncusLayer.UnknownHosts e) {
            throw InfraException.invalidInput(e.getMessage());
        }
        if (stats) {
            long planned_ = System.nanoTime();
            command.commandLine().getErr().printf("observed the lab with %d API calls in %.2f s (spec loaded in"
                    + " %.2f s, client ready %.2f s later, plan computed in %.2f s)%n", planned.apiCalls(),
                    planned.observing().toNanos() / 1e9, (loaded - start) / 1e9, (planning - loaded) / 1e9,
                    (planned_ - planning - planned.observing().toNanos()) / 1e9);
            command.commandLine().getErr().flush();
        }
        var stdout = command.commandLine().getOut();
        if (output.json()) {
            Json.print(stdout, PlanJson.tree(planned.plan()));
        } else {
            stdout.print(new PlanText(Terminal.colour()).render(planned.plan()));
        }
        if (out != null) {
            PrivateFiles.write(out, PlanFile.write(planned.plan(), planned.members(), spec.ref(),
                    PlanKey.loadOrCreate()));
            stdout.println("Saved the plan to " + out + "; apply exactly it with 'infra apply " + out + "'.");
        }
        return detailedExitCode && planned.plan().hasChanges() ? ExitCode.DIFFERENCES.code() : ExitCode.OK.code();
    }
}
