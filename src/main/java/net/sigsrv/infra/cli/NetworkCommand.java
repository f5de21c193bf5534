package net.sigsrv.infra.cli;

import java.util.List;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.ops.NetworkOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Networks")
@Command(name = "network", mixinStandardHelpOptions = true,
        header = "Manage networks, network zones and ACLs.",
        description = "Like 'incus network'. Examples:%n  infra network show br0 --target minisrv%n"
                + "  infra network zone record create lab.local web 10.0.0.5 --ttl 60%n"
                + "  infra network acl rule add web ingress action=allow protocol=tcp destination_port=80",
        subcommands = {NetworkCommand.ListNetworks.class, NetworkCommand.Show.class, NetworkCommand.Set.class,
            NetworkZoneCommand.class, NetworkAclCommand.class})
final class NetworkCommand extends CommandGroup {

    @Category("Networks")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List networks with type, status and users.",
            description = "Example: infra network list -o json")
    static final class ListNetworks extends OpsCommand {
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<Network> list = new NetworkOps(s.client).list(s.project);
            return output.table(list, new Table("NAME", "TYPE", "MANAGED", "STATUS", "IPV4", "USED BY"),
                    (t, n) -> t.row(n.name(), n.type(), n.managed() ? "yes" : "no",
                            OpsSession.orDash(n.status()), OpsSession.orDash(n.config().get("ipv4.address")),
                            n.usedBy().size()));
        }
    }

    @Category("Networks")
    @Command(name = "show", mixinStandardHelpOptions = true,
            header = "Show a network on each member (or one, --target): config and live state.",
            description = "The live state comes from the member itself: addresses, MTU, and for bridges which"
                    + " interfaces are attached (upper devices).%nExample: infra network show br0 --target sigsrv")
    static final class Show extends OpsCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Only this member.") String target;
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<NetworkOps.MemberView> views = new NetworkOps(s.client).show(s.project, name, target);
            return output.print(views, out -> views.forEach(v -> {
                out.println("member: " + v.member());
                out.println("  type: " + v.network().type() + ", status: " + OpsSession.orDash(v.network()
                        .status()));
                v.network().config().forEach((k, val) -> out.println("  " + k + ": " + val));
                if (v.state() != null) {
                    out.println("  state: " + v.state().state() + ", mtu " + v.state().mtu());
                    v.state().addresses().forEach(a -> out.println("  address: " + a.address() + "/"
                            + a.netmask() + " (" + a.scope() + ")"));
                    if (v.state().bridge() != null) {
                        out.println("  upper devices: " + OpsSession.join(v.state().bridge().upperDevices()));
                    }
                }
            }));
        }
    }

    @Category("Networks")
    @Command(name = "set", mixinStandardHelpOptions = true,
            header = "Set one config key of a network (per member with --target).",
            description = "Member-specific keys (bridge.external_interfaces, …) need --target; an empty VALUE"
                    + " removes a global key.%nExample: infra network set br0 ipv4.dhcp.expiry 2h")
    static final class Set extends OpsCommand {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "KEY") String key;
        @Parameters(index = "2", paramLabel = "VALUE") String value;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Set a member-specific key there.")
        String target;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            new NetworkOps(s.client).set(s.project, name, key, value, target);
            return s.done("Network " + name + (target == null ? "" : " on " + target) + ": " + key + "="
                    + value);
        }
    }
}
