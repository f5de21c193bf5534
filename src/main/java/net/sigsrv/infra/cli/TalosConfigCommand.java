package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.yaml.SourceText;
import net.sigsrv.infra.talos.config.ClusterSecrets;
import net.sigsrv.infra.talos.config.ConfigInputs;
import net.sigsrv.infra.talos.config.MachineConfig;
import net.sigsrv.infra.talos.config.MachineConfigs;
import net.sigsrv.infra.talos.config.NodeDefaults;
import net.sigsrv.infra.talos.config.NodeInput;
import net.sigsrv.infra.talos.config.PatchFiles;
import net.sigsrv.infra.talos.config.SecretsFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code infra talos config}: until the Talos layer keeps secrets and a node plan, they come from options. */
@Command(name = "config",
        mixinStandardHelpOptions = true,
        header = "Write the Talos machine configs of a cluster's nodes, for inspection.",
        description = "Makes each node's v1alpha1 document (control plane or worker) from the spec, its patches"
                + " (cluster, then group, then node) and the cluster's secrets, and writes it to DIR/NODE.yaml"
                + " (mode 0600; DIR is made 0700). Prints the paths, never the content: the documents hold the"
                + " cluster's private keys.%n%n"
                + "Until the node plan decides them, nodes are CLUSTER-GROUP-N (N from 1, groups in spec order);"
                + " the i-th node (from 0) has the network's first host address + " + NodeDefaults.FIRST_OFFSET
                + " + i unless --node gives its address, runs on the hosts of topology.targets (or all hosts)"
                + " round-robin, and installs to " + NodeDefaults.INSTALL_DISK + ".",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:the spec, the secrets file, a --node or a patch is wrong; nothing written"})
final class TalosConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "The lab spec (YAML).")
    Path specFile;

    @Parameters(index = "1", paramLabel = "CLUSTER", description = "A cluster of the spec.")
    String clusterName;

    @Parameters(index = "2", paramLabel = "NODE", arity = "0..1", description = "Only this node.")
    String nodeName;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write to.")
    Path out;

    @Option(names = "--secrets", required = true, paramLabel = "FILE",
            description = "The cluster's secrets, in talosctl's secrets.yaml format ('talosctl gen secrets').")
    Path secretsFile;

    @Option(names = "--node", paramLabel = "NAME=IP", description = "A node's address (repeatable).")
    Map<String, String> addresses = new LinkedHashMap<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = command.commandLine().getErr();
        Spec spec = SpecInput.load(specFile, err);
        Cluster cluster = spec.clusters().stream().filter(c -> c.name().equals(clusterName)).findFirst()
                .orElseThrow(() -> InfraException.invalidInput("cluster '" + clusterName + "' is not in "
                        + specFile));
        ConfigInputs inputs = inputs(spec, cluster);
        MachineConfigs.Generated generated = MachineConfigs.generate(cluster, inputs,
                new PatchFiles(specFile.toAbsolutePath().getParent()));
        if (generated.diagnostics().hasErrors()) {
            DiagnosticText.print(err, generated.diagnostics(), new SourceText(specFile.toString(),
                    Files.readString(specFile)), false);
            throw InfraException.invalidInput("cluster " + clusterName + ": " + DiagnosticText.counts(
                    generated.diagnostics()) + "; nothing was written");
        }
        privateDirectory(out);
        PrintWriter stdout = command.commandLine().getOut();
        List<MachineConfig> chosen = generated.configs().stream()
                .filter(c -> nodeName == null || c.node().equals(nodeName)).toList();
        for (MachineConfig config : chosen) {
            Path file = out.resolve(config.fileName());
            PrivateFiles.write(file, config.yaml());
            stdout.println(file + "  (" + config.role() + ")");
        }
        return ExitCode.OK.code();
    }

    private ConfigInputs inputs(Spec spec, Cluster cluster) {
        SecretsFile.Parsed parsed = SecretsFile.read(secretsFile);
        ClusterSecrets secrets = parsed.secrets().orElseThrow(() -> InfraException.invalidInput(
                String.join("\n", parsed.problems())));
        List<NodeInput> nodes;
        try {
            nodes = NodeDefaults.of(spec, cluster, addresses);
        } catch (IllegalArgumentException e) {
            throw InfraException.invalidInput(e.getMessage());
        }
        List<String> names = nodes.stream().map(NodeInput::name).toList();
        addresses.keySet().stream().filter(n -> !names.contains(n)).findFirst().ifPresent(n -> {
            throw InfraException.invalidInput("--node " + n + ": not a node of cluster " + cluster.name()
                    + " (its nodes: " + String.join(", ", names) + ")");
        });
        if (nodeName != null && !names.contains(nodeName)) {
            throw InfraException.invalidInput("node '" + nodeName + "' is not a node of cluster "
                    + cluster.name() + " (its nodes: " + String.join(", ", names) + ")");
        }
        try {
            return new ConfigInputs(secrets, nodes);
        } catch (IllegalArgumentException e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }

    /** Makes {@code dir} 0700, or takes an existing one only if no one else may read it. */
    private static void privateDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
            return;
        }
        var mode = Files.getPosixFilePermissions(dir);
        if (mode.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
            throw InfraException.invalidInput(dir + " may be read by others (mode "
                    + PosixFilePermissions.toString(mode) + "); give a new directory, or 'chmod 700' it first");
        }
    }
}
