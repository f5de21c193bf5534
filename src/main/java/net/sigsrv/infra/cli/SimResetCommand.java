package net.sigsrv.infra.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Category("Simulator")
@Command(name = "reset", mixinStandardHelpOptions = true,
        header = "Start the simulator afresh: members only, the default project and profile, nothing else.")
final class SimResetCommand implements Callable<Integer> {

    @Option(names = "--members", split = ",", paramLabel = "NAME,…",
            description = "Cluster member names (default: sigsrv,minisrv — the hosts of examples/sigsrv.yaml).")
    List<String> members = new ArrayList<>();

    @Option(names = "--flavour", paramLabel = "incus|lxd",
            description = "API flavour: incus (default) or lxd (LXD 5.0.2: its api_extensions, no"
                    + " instance_create_start).")
    String flavour = "incus";

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("members", members);
        body.put("flavour", flavour);
        command.commandLine().getOut().println("Simulator " + SimCommand.admin(command, "reset", body));
        return ExitCode.OK.code();
    }
}
