package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.LabLock;
import net.sigsrv.infra.engine.Engine;
import net.sigsrv.infra.engine.Mode;
import net.sigsrv.infra.engine.Planned;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "destroy",
        mixinStandardHelpOptions = true,
        header = "Remove every object this lab owns, but for protected instances and what they need.",
        description = "Plans the deletion of everything carrying this lab's ownership mark — nothing else — shows it,"
                + " asks for 'yes' (or --auto-approve) and deletes in dependency order (instances before the volumes,"
                + " profiles, networks and pools they use). A protected instance (protect: true, or"
                + " security.protection.delete on in the lab) is kept with what it needs: its project, profiles,"
                + " volumes, networks and pools (shown BLOCKED); so is what another lab's objects use (BLOCKED too),"
                + " and the built-in default project, profiles and pool. A failed delete skips only what depends on it. The last line says what was destroyed, and"
                + " what was kept and why.")
final class DestroyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The lab spec (YAML), for the lab's name.")
    Path file;

    @Mixin
    ChangeOptions change = new ChangeOptions();

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        int parallelism = change.checkedParallelism();
        Spec spec = SpecInput.load(file, command.commandLine().getErr());
        try (IncusClient client = Connections.open(command);
             LabLock lock = LabLock.acquire(client, spec.lab(), ApplyCommand.holder(), change.lockWait())) {
            Engine engine = Engine.incus(client);
            Planned planned = engine.destroyPlan(spec);
            return PlanRun.showAskApply(Mode.DESTROY, planned.plan(), engine, parallelism, change.autoApprove,
                    command.commandLine().getOut(), command.commandLine().getErr());
        } catch (LabLock.Held e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }
}
