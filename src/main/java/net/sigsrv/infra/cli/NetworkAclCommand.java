package net.sigsrv.infra.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.ops.NetworkOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

@Category("Networks")
@Command(name = "acl", mixinStandardHelpOptions = true, header = "Network ACLs: list, show, add a rule, attach.",
        subcommands = {NetworkAclCommand.ListAcls.class, NetworkAclCommand.Show.class, NetworkAclCommand.Rule.class,
            NetworkAclCommand.Attach.class})
final class NetworkAclCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }

    @Category("Networks")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List network ACLs.",
            description = "Example: infra network acl list")
    static final class ListAcls implements Callable<Integer> {
        @Mixin OpsSession.ProjectOption project;
        @Mixin OpsSession.OutputOption output;
        @picocli.CommandLine.Spec CommandSpec command;

        @Override
        public Integer call() throws Exception {
            return OpsSession.run(command, project, null, s -> {
                List<NetworkAcl> acls = new NetworkOps(s.client).acls(s.project);
                s.print(output, acls, () -> {
                    Table t = new Table("NAME", "DESCRIPTION", "INGRESS", "EGRESS", "USED BY");
                    acls.forEach(a -> t.row(a.name(), OpsSession.orDash(a.description()), a.ingress().size(),
                            a.egress().size(), a.usedBy().size()));
                    t.print(s.out());
                });
                return 0;
            });
        }
    }

    @Category("Networks")
    @Command(name = "show", mixinStandardHelpOptions = true, header = "Show an ACL's rules and users.",
            description = "Example: infra network acl show web")
    static final class Show implements Callable<Integer> {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin OpsSession.ProjectOption project;
        @Mixin OpsSession.OutputOption output;
        @picocli.CommandLine.Spec CommandSpec command;

        @Override
        public Integer call() throws Exception {
            return OpsSession.run(command, project, null, s -> {
                NetworkAcl acl = new NetworkOps(s.client).acl(s.project, name);
                s.print(output, acl, () -> {
                    Table t = new Table("DIRECTION", "ACTION", "PROTOCOL", "SOURCE", "DESTINATION", "PORTS", "STATE");
                    acl.ingress().forEach(r -> row(t, "ingress", r));
                    acl.egress().forEach(r -> row(t, "egress", r));
                    t.print(s.out());
                    s.out().println("used by: " + OpsSession.join(acl.usedBy()));
                });
                return 0;
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
    static final class Rule implements Runnable {
        @picocli.CommandLine.Spec CommandSpec command;

        @Override
        public void run() {
            command.commandLine().usage(command.commandLine().getOut());
        }
    }

    @Category("Networks")
    @Command(name = "add", mixinStandardHelpOptions = true,
            header = "Add a rule to an ACL: ingress|egress KEY=VALUE… (action is required).",
            description = "Keys: action (allow|reject|drop), source, destination, protocol (tcp|udp|icmp4|icmp6),"
                    + " source_port, destination_port, icmp_type, icmp_code, state (default enabled), description.%n"
                    + "Example: infra network acl rule add web ingress action=allow protocol=tcp destination_port=80")
    static final class AddRule implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACL") String acl;
        @Parameters(index = "1", paramLabel = "DIRECTION", description = "ingress or egress") String direction;
        @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE") List<String> words;
        @Mixin OpsSession.ProjectOption project;
        @picocli.CommandLine.Spec CommandSpec command;

        @Override
        public Integer call() throws Exception {
            Map<String, String> rule = new LinkedHashMap<>();
            for (String w : words) {
                int eq = w.indexOf('=');
                if (eq <= 0) {
                    throw InfraException.invalidInput("'" + w + "' is not KEY=VALUE (e.g. action=allow)");
                }
                rule.put(w.substring(0, eq), w.substring(eq + 1));
            }
            return OpsSession.run(command, project, null, s -> {
                new NetworkOps(s.client).addRule(s.project, acl, direction, rule);
                s.out().println("ACL " + acl + ": " + direction + " rule added");
                return 0;
            });
        }
    }

    @Category("Networks")
    @Command(name = "attach", mixinStandardHelpOptions = true,
            header = "Attach an ACL to a network (adds it to security.acls).",
            description = "Example: infra network acl attach web br0")
    static final class Attach implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ACL") String acl;
        @Parameters(index = "1", paramLabel = "NETWORK") String network;
        @Mixin OpsSession.ProjectOption project;
        @picocli.CommandLine.Spec CommandSpec command;

        @Override
        public Integer call() throws Exception {
            return OpsSession.run(command, project, null, s -> {
                new NetworkOps(s.client).attach(s.project, acl, network);
                s.out().println("ACL " + acl + " attached to network " + network);
                return 0;
            });
        }
    }
}
