package net.sigsrv.infra.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.api.Instance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Category("Lab")
@Command(name = "instances",
        mixinStandardHelpOptions = true,
        header = "List instances with their state, member and IPv4 addresses.",
        description = "One call per project (recursion=2 returns state with the list). --all-projects lists every"
                + " project's instances.")
final class InstancesCommand implements Callable<Integer> {

    @Option(names = "--project", paramLabel = "NAME", description = "Project to list (default: default).")
    String project = "default";

    @Option(names = "--all-projects", description = "List the instances of every project.")
    boolean allProjects;

    @Mixin
    OutputOption output;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        List<Instance> instances;
        try (IncusClient client = Connections.open(command)) {
            instances = allProjects ? client.instances().listAllProjects(client.projects())
                    : client.instances().list(project);
        }
        return output.table(instances, new Table("NAME", "PROJECT", "TYPE", "STATUS", "LOCATION", "IPV4"),
                (t, i) -> t.row(i.name(), i.project(), i.type(), i.status(), i.location(), ipv4(i)));
    }

    private static String ipv4(Instance i) {
        if (i.state() == null) {
            return "";
        }
        return i.state().network().entrySet().stream().filter(e -> !e.getKey().equals("lo"))
                .flatMap(e -> e.getValue().addresses().stream().filter(a -> "inet".equals(a.family())
                        && "global".equals(a.scope())).map(a -> a.address() + " (" + e.getKey() + ")"))
                .collect(Collectors.joining(", "));
    }

}
