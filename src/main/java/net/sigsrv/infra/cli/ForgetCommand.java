package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.Marks;
import net.sigsrv.infra.apply.Observer;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "forget",
        mixinStandardHelpOptions = true,
        header = "Stop managing one object: remove this lab's ownership mark, keep the object.",
        description = "The object stays in the lab untouched; plans no longer change or delete it. If the spec"
                + " still names it, plan shows it BLOCKED until you remove it from the spec or adopt it again.")
final class ForgetCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The lab spec (YAML), for the lab's name.")
    Path file;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "The object, e.g. instance.lab-p1/web1.")
    String address;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Spec spec = SpecInput.load(file, command.commandLine().getErr());
        try (IncusClient client = Connections.open(command)) {
            Resource r = new Observer(client).observe(spec.lab()).resources().values().stream()
                    .filter(x -> x.address().toString().equals(address)).findFirst()
                    .orElseThrow(() -> InfraException.invalidInput("no object " + address + " in the lab"));
            if (!r.owned() || r.address().kind().isPerMember()) {
                throw InfraException.invalidInput(address + " is not owned by lab '" + spec.lab() + "'");
            }
            Marks.unmark(client, r);
            command.commandLine().getOut().println("forgot " + address + "; it stays in the lab, unmanaged");
            return ExitCode.OK.code();
        }
    }
}
