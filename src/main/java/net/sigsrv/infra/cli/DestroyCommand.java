package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.Applier;
import net.sigsrv.infra.apply.LabLock;
import net.sigsrv.infra.apply.Observer;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Differ;
import net.sigsrv.infra.plan.Observed;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.render.PlanText;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "destroy",
        mixinStandardHelpOptions = true,
        header = "Remove every object this lab owns (protected ones excepted).",
        description = "Plans the deletion of everything carrying this lab's ownership mark — nothing else — shows it,"
                + " asks for 'yes' (or --auto-approve) and deletes in dependency order (instances before the volumes,"
                + " profiles, networks and pools they use). Protected objects (protect: true) and the built-in"
                + " default project, profiles and pool are kept.")
final class DestroyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The lab spec (YAML), for the lab's name.")
    Path file;

    @Option(names = "--auto-approve", description = "Destroy without asking.")
    boolean autoApprove;

    @Option(names = "--parallelism", paramLabel = "N", description = "Deletions at once (default: 10).")
    int parallelism = 10;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Spec spec = SpecInput.load(file, command.commandLine().getErr());
        var out = command.commandLine().getOut();
        try (IncusClient client = Connections.open(command);
             LabLock lock = LabLock.acquire(client, spec.lab(), ApplyCommand.holder(), Duration.ofSeconds(10))) {
            Observed observed = new Observer(client).observe(spec.lab());
            Plan plan = Differ.diff(Map.of(), observed, List.of());
            out.print(new PlanText(Terminal.colour()).render(plan));
            if (plan.actionable().stream().noneMatch(c -> !c.isBlocked())) {
                return ExitCode.OK.code();
            }
            if (!autoApprove && !ApplyCommand.confirm(out)) {
                throw InfraException.invalidInput("destroy cancelled; nothing was changed");
            }
            WalkResult<Change> result = Applier.apply(plan, client, observed.members(), parallelism,
                    new ApplyProgress(command.commandLine().getErr()));
            plan.blocked().forEach(c -> out.println("kept " + c.address() + " (protected)"));
            return ApplyCommand.report(result, out, "Destroy");
        } catch (LabLock.Held e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }
}
