package net.sigsrv.infra.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.ops.NetworkOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Category("Networks")
@Command(name = "acl", mixinStandardHelpOptions = true, header = "Network ACLs: list, show, add a rule, attach.",
        subcommands = {NetworkAclCommand.ListAcls.class, NetworkAclCommand.Show.class, NetworkAclCommand.Rule.class,
            NetworkAclCommand.Attach.class})
final class NetworkAclCommand extends CommandGroup {

    @Category("Networks")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List network ACLs.",
            description = "Example: infra network acl list")
    static final class ListAcls extends OpsCommand {
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<NetworkAcl> acls = new NetworkOps(s.client).acls(s.project);
            return output.table(acls, new Table("NAME", "DESCRIPTION", "INGRESS", "EGRESS", "USED BY"),
                    (t, a) -> t.row(a.name(), OpsSession.orDash(a.description()), a.ingress().size(),
                            a.egress().size(), a.usedBy().size()));
        }
    }

    @Category("Networks")
    @Command(name = "show", mixinStandardHelpOptions = true, header = "Show an ACL's rules and users.",
            description = "Example: infra network acl show web")
    static final class Show extends OpsCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            NetworkAcl acl = new NetworkOps(s.client).acl(s.project, name);
            return output.print(acl, out -> {
                Table t = new Table("DIRECTION", "ACTION", "PROTOCOL", "SOURCE", "DESTINATION", "PORTS", "STATE");
                acl.ingress().forEach(r -> row(t, "ingress", r));
                acl.egress().forEach(r -> row(t, "egress", r));
                t.print(out);
                out.println("used by: " + OpsSession.join(acl.usedBy()));
            });
        }

        private static void row(Table t, String direction, NetworkAcl.Rule r) {
            t.row(direction, r.action(), OpsSession.orDash(r.protocol()), OpsSession.orDash(r.source()),
                    OpsSession.orDash(r.destination()), OpsSession.orDash(r.destinationPort()), r.state());
        }
    }

    @Category("Networks")
    @Command(name = "rule", mixinStandardHelpOptions = true, header = "Rules of an ACL.",
            subcommands = AddRule.class)
    static final class Rule extends CommandGroup {
    }

    @Category("Networks")
    @Command(name = "add", mixinStandardHelpOptions = true,
            header = "Add a rule to an ACL: ingress|egress KEY=VALUE… (action is required).",
            description = "Keys: action (allow|reject|drop), source, destination, protocol (tcp|udp|icmp4|icmp6),"
                    + " source_port, destination_port, icmp_type, icmp_code, state (default enabled), description.%n"
                    + "Example: infra network acl rule add web ingress action=allow protocol=tcp destination_port=80")
    static final class AddRule extends OpsCommand {
        @Parameters(index = "0", paramLabel = "ACL") String acl;
        @Parameters(index = "1", paramLabel = "DIRECTION", description = "ingress or egress") String direction;
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE") List<String> words;
        @Mixin ProjectOption project;

        private final Map<String, String> rule = new LinkedHashMap<>();

        @Override
        void check() {
            for (String w : words) {
                int eq = w.indexOf('=');
                if (eq <= 0) {
                    throw InfraException.invalidInput("'" + w + "' is not KEY=VALUE (e.g. action=allow)");
                }
                rule.put(w.substring(0, eq), w.substring(eq + 1));
            }
        }

        @Override
        int run(OpsSession s) throws Exception {
            new NetworkOps(s.client).addRule(s.project, acl, direction, rule);
            return s.done("ACL " + acl + ": " + direction + " rule added");
        }
    }

    @Category("Networks")
    @Command(name = "attach", mixinStandardHelpOptions = true,
            header = "Attach an ACL to a network (adds it to security.acls).",
            description = "Example: infra network acl attach web br0")
    static final class Attach extends OpsCommand {
        @Parameters(index = "0", paramLabel = "ACL") String acl;
        @Parameters(index = "1", paramLabel = "NETWORK") String network;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            new NetworkOps(s.client).attach(s.project, acl, network);
            return s.done("ACL " + acl + " attached to network " + network);
        }
    }
}
