package net.sigsrv.infra.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.api.Instance;
import picocli.CommandLine.Command;
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

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text, json or yaml (default: text).")
    OutputFormat output = OutputFormat.TEXT;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        List<Instance> instances;
        try (IncusClient client = Connections.open(command)) {
            instances = allProjects ? client.instances().listAllProjects(client.projects())
                    : client.instances().list(project);
        }
        var out = command.commandLine().getOut();
        if (output != OutputFormat.TEXT) {
            Structured.print(out, output, instances);
            return ExitCode.OK.code();
        }
        Table table = new Table("NAME", "PROJECT", "TYPE", "STATUS", "LOCATION", "IPV4");
        instances.forEach(i -> table.row(i.name(), i.project(), i.type(), i.status(), i.location(), ipv4(i)));
        table.print(out);
        return ExitCode.OK.code();
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
