package net.sigsrv.infra.talos.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Patch;

/**
 * Config generation's entry point: one {@code v1alpha1} document per node of a cluster, its base
 * ({@link BaseDocument}) with the spec's patches merged in order — the cluster's, then the node's group's, then
 * the node's own — so the nearer patch wins. Problems (a patch file missing or not a map, a patch that does not
 * fit the document, a node of no group) come back as diagnostics with the patch's position in the spec; a node
 * with a problem gets no document.
 */
public final class MachineConfigs {

    /** The documents made, in the order of the nodes given, and the problems found. */
    public record Generated(List<MachineConfig> configs, Diagnostics diagnostics) {
        public Generated {
            configs = List.copyOf(configs);
        }

        @Override
        public String toString() {
            return "Generated[" + configs.size() + " configs, " + diagnostics.size() + " problems]";
        }
    }

    private MachineConfigs() {
    }

    public static Generated generate(Cluster cluster, ConfigInputs inputs, PatchFiles files) {
        Diagnostics diags = new Diagnostics();
        List<String> controlPlaneAddresses = inputs.nodes().stream()
                .filter(n -> group(cluster, n).map(NodeGroup::isControlPlane).orElse(false))
                .map(NodeInput::address).toList();
        List<MachineConfig> configs = new ArrayList<>();
        for (NodeInput node : inputs.nodes()) {
            Optional<NodeGroup> group = group(cluster, node);
            if (group.isEmpty()) {
                diags.error("talos-node-group", cluster.loc().of("node-groups"), "cluster " + cluster.name()
                        + ": node " + node.name() + " belongs to group '" + node.group() + "', which it does not have");
                continue;
            }
            Map<String, Object> doc = BaseDocument.of(cluster, group.get(), node, inputs.secrets(),
                    controlPlaneAddresses);
            List<Patch> patches = new ArrayList<>(cluster.patches());
            patches.addAll(group.get().patches());
            patches.addAll(cluster.nodePatches().getOrDefault(node.name(), List.of()));
            if (applyAll(doc, patches, node, files, diags)) {
                configs.add(new MachineConfig(node.name(), group.get().role(), ConfigYaml.render(doc)));
            }
        }
        return new Generated(configs, diags);
    }

    private static boolean applyAll(Map<String, Object> doc, List<Patch> patches, NodeInput node, PatchFiles files,
                                    Diagnostics diags) {
        for (Patch patch : patches) {
            PatchFiles.Read read = files.read(patch);
            if (read.problem() != null) {
                diags.add(read.problem().withSubject("node " + node.name()));
                return false;
            }
            Optional<StrategicMerge.Conflict> conflict = StrategicMerge.merge(doc, read.tree());
            if (conflict.isPresent()) {
                diags.add(Diagnostic.error("talos-patch", patch.at(), "node " + node.name() + ": "
                        + patch.describe() + " " + conflict.get().message() + "; Talos would refuse it")
                        .withDetail("A patch follows the shape of Talos's v1alpha1 document"
                                + " (https://www.talos.dev/v1.10/reference/configuration/v1alpha1/config/).")
                        .withSubject("node " + node.name()));
                return false;
            }
        }
        return true;
    }

    private static Optional<NodeGroup> group(Cluster cluster, NodeInput node) {
        return cluster.nodeGroups().stream().filter(g -> g.name().equals(node.group())).findFirst();
    }
}
