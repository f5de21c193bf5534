package net.sigsrv.infra.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.sigsrv.infra.incus.Instances;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.InstanceState;
import net.sigsrv.infra.ops.InstanceOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Instances")
@Command(name = "instance", mixinStandardHelpOptions = true,
        header = "Manage instances: list, show, launch, start, stop, restart, delete, exec, config, files, backups.",
        description = "Like 'incus' itself. Examples:%n  infra instance launch busybox web --network br0 --remote lab%n"
                + "  infra instance exec web -- cat /etc/hostname%n  infra instance delete web --force",
        subcommands = {InstanceCommand.ListInstances.class, InstanceCommand.Show.class, InstanceCommand.Launch.class,
            InstanceCommand.Start.class, InstanceCommand.Stop.class, InstanceCommand.Restart.class,
            InstanceCommand.Delete.class, InstanceCommand.Exec.class, InstanceConfigCommand.class,
            InstanceFileCommand.class, InstanceBackupCommands.Export.class, InstanceBackupCommands.Import.class,
            InstanceBackupCommands.Snapshot.class})
final class InstanceCommand extends CommandGroup {

    @Category("Instances")
    @Command(name = "list", mixinStandardHelpOptions = true,
            header = "List instances with status, member and IPv4 addresses.",
            description = "Example: infra instance list --project p1 -o yaml")
    static final class ListInstances extends OpsCommand {
        @Mixin ProjectOption project;
        @Mixin OutputOption output;
        @Option(names = "--all-projects", description = "Every project's instances.") boolean all;

        @Override
        int run(OpsSession s) throws Exception {
            List<Instance> list = new InstanceOps(s.client, s.guards()).list(s.project, all);
            return output.table(list, new Table("NAME", "PROJECT", "TYPE", "STATUS", "LOCATION", "IPV4"),
                    (t, i) -> t.row(i.name(), i.project(), i.type(), i.status(), i.location(),
                            ipv4(i.state())));
        }
    }

    @Category("Instances")
    @Command(name = "show", mixinStandardHelpOptions = true,
            header = "Show an instance: status, member, profiles, config, devices, addresses.",
            description = "Example: infra instance show web -o json")
    static final class Show extends OpsCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            InstanceOps.InstanceView v = new InstanceOps(s.client, s.guards()).show(s.project, name);
            return output.print(v, out -> {
                Instance i = v.instance();
                out.println("name: " + i.name());
                out.println("project: " + i.project());
                out.println("type: " + i.type());
                out.println("status: " + i.status());
                out.println("location: " + i.location());
                out.println("profiles: " + String.join(", ", i.profiles()));
                out.println("ipv4: " + OpsSession.orDash(ipv4(v.state())));
                out.println("config:");
                i.config().forEach((k, val) -> out.println("  " + k + ": " + block(val, "    ")));
                out.println("devices:");
                i.devices().forEach((d, c) -> out.println("  " + d + ": " + c));
            });
        }
    }

    @Category("Instances")
    @Command(name = "launch", mixinStandardHelpOptions = true,
            header = "Create and start an instance from an image.",
            description = "A privileged instance (-c security.privileged=true, or yes/on/1) or a privileged-equivalent"
                    + " one (raw.lxc, raw.idmap, raw.apparmor, raw.seccomp, linux.kernel_modules, an enabled"
                    + " security.syscalls.intercept.*), from -c or from a profile, is refused unless the spec"
                    + " (--spec, INFRA_SPEC or ./infra.yaml) declares it with that setting and a reason.%nExample:"
                    + " infra instance launch busybox web --network br0 --storage default --target minisrv")
    static final class Launch extends OpsCommand {
        @Parameters(index = "0", paramLabel = "IMAGE", description = "Image alias or fingerprint.") String image;
        @Parameters(index = "1", paramLabel = "NAME", description = "Instance name.") String name;
        @Option(names = "--network", paramLabel = "NET", description = "Attach eth0 to this network.") String network;
        @Option(names = "--storage", paramLabel = "POOL", description = "Root disk on this pool.") String storage;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Cluster member to run on.") String target;
        @Option(names = {"-p", "--profile"}, paramLabel = "PROFILE", description = "Profiles (default: default).")
        List<String> profiles = new ArrayList<>();
        @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE", description = "Config keys (repeatable).")
        Map<String, String> config = new LinkedHashMap<>();
        @Option(names = "--no-start", description = "Create it, leave it stopped (like 'incus init').")
        boolean noStart;
        @Mixin ProjectOption project;
        @Mixin SpecOption spec;

        @Override
        int run(OpsSession s) throws Exception {
            new InstanceOps(s.client, s.guards()).launch(new InstanceOps.Launch(s.project, image, name, network,
                    storage, target, profiles, config), !noStart);
            return s.done("Instance " + name + (noStart ? " created" : " launched"));
        }
    }

    /** start, stop and restart differ only in the action. */
    abstract static class StateChange extends OpsCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = {"-f", "--force"}, description = "Kill instead of a clean shutdown.") boolean force;
        @Mixin ProjectOption project;

        abstract String action();

        @Override
        int run(OpsSession s) throws Exception {
            new InstanceOps(s.client, s.guards()).changeState(s.project, name, action(), force);
            return s.done("Instance " + name + ": " + action() + " done");
        }
    }

    @Category("Instances")
    @Command(name = "start", mixinStandardHelpOptions = true, header = "Start an instance.",
            description = "Example: infra instance start web")
    static final class Start extends StateChange {
        String action() {
            return "start";
        }
    }

    @Category("Instances")
    @Command(name = "stop", mixinStandardHelpOptions = true, header = "Stop an instance (--force kills it).",
            description = "Example: infra instance stop web --force")
    static final class Stop extends StateChange {
        String action() {
            return "stop";
        }
    }

    @Category("Instances")
    @Command(name = "restart", mixinStandardHelpOptions = true, header = "Restart an instance.",
            description = "Example: infra instance restart web")
    static final class Restart extends StateChange {
        String action() {
            return "restart";
        }
    }

    @Category("Instances")
    @Command(name = "delete", mixinStandardHelpOptions = true,
            header = "Delete an instance (refused when protected; --force stops a running one first).",
            description = "Refused, with the way out, when the spec marks it `protect: true` or the lab has"
                    + " security.protection.delete=true on it.%nExample: infra instance delete web --force --spec"
                    + " lab.yaml")
    static final class Delete extends OpsCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = {"-f", "--force"}, description = "Stop it first if it runs.") boolean force;
        @Mixin ProjectOption project;
        @Mixin SpecOption spec;

        @Override
        int run(OpsSession s) throws Exception {
            new InstanceOps(s.client, s.guards()).delete(s.project, name, force);
            return s.done("Instance " + name + " deleted");
        }
    }

    @Category("Instances")
    @Command(name = "exec", mixinStandardHelpOptions = true,
            header = "Run a command in an instance; its output and exit code are passed through.",
            description = "Non-interactive: output is recorded by the daemon and printed when the command ends.%n"
                    + "Example: infra instance exec web -- sh -c 'echo hi; exit 3'   (prints hi, exits 3)")
    static final class Exec extends OpsCommand {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1..*", paramLabel = "-- CMD", arity = "1..*", description = "The command and its arguments.")
        List<String> cmd;
        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up after (default: 600).")
        long timeout = 600;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            Instances.ExecResult r = new InstanceOps(s.client, s.guards()).exec(s.project, name, cmd,
                    Duration.ofSeconds(timeout));
            s.out().print(r.stdout());
            s.out().flush();
            s.err().print(r.stderr());
            s.err().flush();
            return r.exitCode();
        }
    }

    /**
     * A config value for a YAML-like listing: as it is on one line; over several lines a literal block ({@code |},
     * {@code |2-} when it starts with a newline or a space) indented under its key, so that the lines of a value
     * stay with their key (and under a secret-named key are masked with it).
     */
    static String block(String value, String indent) {
        if (value == null || value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        String body = value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
        String header = "|" + (value.startsWith("\n") || value.startsWith(" ") ? "2" : "")
                + (value.endsWith("\n") ? "" : "-");
        StringBuilder out = new StringBuilder(header);
        for (String line : body.split("\r?\n|\r", -1)) {
            out.append('\n').append(line.isEmpty() ? "" : indent + line);
        }
        return out.toString();
    }

    static String ipv4(InstanceState state) {
        if (state == null) {
            return "";
        }
        return state.network().entrySet().stream().filter(e -> !e.getKey().equals("lo"))
                .flatMap(e -> e.getValue().addresses().stream().filter(a -> "inet".equals(a.family())
                        && "global".equals(a.scope())).map(a -> a.address() + " (" + e.getKey() + ")"))
                .collect(Collectors.joining(", "));
    }
}
