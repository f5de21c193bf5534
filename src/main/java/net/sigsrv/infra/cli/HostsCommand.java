package net.sigsrv.infra.cli;

import java.util.List;
import java.util.concurrent.Callable;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.api.ClusterMember;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

@Category("Lab")
@Command(name = "hosts",
        mixinStandardHelpOptions = true,
        header = "Show the cluster members: status, roles, address and the daemon's message.",
        description = "Reads the members of the Incus cluster behind --remote (one call). An Offline member shows"
                + " the daemon's reason, e.g. \"No heartbeat for 29s\". A standalone daemon shows as its one"
                + " member.")
final class HostsCommand implements Callable<Integer> {

    @Mixin
    OutputOption output;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        List<ClusterMember> members;
        try (IncusClient client = Connections.open(command)) {
            members = client.cluster().members();
        }
        return output.table(members, new Table("NAME", "STATUS", "ROLES", "URL", "MESSAGE"),
                (t, m) -> t.row(m.serverName(), m.status(), String.join(",", m.roles()), m.url(), m.message()));
    }
}
