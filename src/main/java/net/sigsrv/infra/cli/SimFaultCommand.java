package net.sigsrv.infra.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

@Category("Simulator")
@Command(name = "fault", mixinStandardHelpOptions = true,
        header = "Inject a fault into the simulator, with lab/fault's names, or heal them all.",
        description = {"  detach-vlan HOST IFACE   take IFACE out of its bridge (gone from upper_devices)",
            "  add-ip HOST IFACE CIDR   put an address on IFACE",
            "  link-down HOST IFACE     set IFACE down",
            "  vlan-id HOST IFACE VID   IFACE carries another VLAN id (the simulator's own: lab/fault has veths)",
            "  rename-iface HOST IFACE NEWNAME  IFACE is renamed (and down, as the kernel requires), also in its"
                    + " bridge's config",
            "  mtu HOST IFACE MTU       IFACE (and the bridge it is in on HOST) get another MTU: full-size"
                    + " pings across members fail, small ones pass",
            "  kill-dhcp HOST BRIDGE    HOST's dnsmasq for BRIDGE is gone: DNS at its gateway is refused there"
                    + " (a config update of the network restarts it)",
            "  del-bridge HOST BRIDGE   BRIDGE's device is gone on HOST (the network stays Created; its state there is"
                    + " 404; pings through it fail)",
            "  stop-member HOST         the member goes Offline (\"No heartbeat for …\")",
            "  start-member HOST        the member comes back and re-attaches its bridges' interfaces",
            "  fill-pool HOST POOL      the member's pool reports all its space used",
            "  steal-vlan HOST IFACE    a bridge rogue0 the daemon does not know takes IFACE (out of the lab's bridge)",
            "  del-vlan HOST IFACE      the VLAN interface IFACE is deleted (the simulator's own: lab/fault has veths)",
            "  wrong-address INSTANCE   [PROJECT/]NAME, whose NIC reserves an address, also holds a lease from another"
                    + " member's DHCP server",
            "  heal                     undo every fault", "  list                     show the faults"})
final class SimFaultCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "COMMAND", description = "detach-vlan, add-ip, link-down, vlan-id,"
            + " rename-iface, kill-dhcp, del-bridge, mtu, stop-member, start-member, fill-pool, steal-vlan,"
            + " del-vlan, wrong-address, heal or list.")
    String fault;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "HOST, IFACE, CIDR, VID, NEWNAME, BRIDGE, MTU, POOL"
            + " or INSTANCE as the fault needs.")
    List<String> args = new ArrayList<>();

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        String message = SimCommand.admin(command, "fault", Map.of("command", fault, "args", args));
        if (!message.isEmpty()) {
            command.commandLine().getOut().println(message);
        }
        return ExitCode.OK.code();
    }
}
