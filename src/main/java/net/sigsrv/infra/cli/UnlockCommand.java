package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.LabLock;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "unlock",
        mixinStandardHelpOptions = true,
        header = "Break the lab's apply lock when the process holding it is gone.",
        description = "apply takes a lab-wide lock (a config key on the default project, set by compare-and-swap)"
                + " and releases it when done. A killed apply leaves it behind; this removes it and says whose it"
                + " was. Make sure no apply is running first.")
final class UnlockCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The lab spec (YAML), for the lab's name.")
    Path file;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Spec spec = SpecInput.load(file, command.commandLine().getErr());
        try (IncusClient client = Connections.open(command)) {
            var removed = LabLock.breakLock(client, spec.lab());
            command.commandLine().getOut().println(removed.map(h -> "Removed the lock held by " + h + ".")
                    .orElse("The lab '" + spec.lab() + "' was not locked."));
            return ExitCode.OK.code();
        }
    }
}
