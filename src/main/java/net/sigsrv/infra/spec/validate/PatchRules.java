package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Patch;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.schema.Suggest;

/**
 * What a cluster's machine-config patches may say, decidable from the spec alone: {@code cluster-patch} (a patch
 * touches only Talos's {@code machine}, {@code cluster} and {@code debug}, and not what the tool owns: the
 * document version, the machine type that the node group decides, nor the cluster's secrets) and
 * {@code cluster-node-patch} (node patches name nodes of the cluster). Patch files, and whether a patch fits the
 * document it patches, are checked by the Talos layer when it reads them.
 */
final class PatchRules implements SpecValidator.Rules {

    static final List<String> TOP_KEYS = List.of("machine", "cluster", "debug");

    /** Paths a patch may not set, with who owns them. */
    private static final Map<List<String>, String> OWNED = Map.ofEntries(
            Map.entry(List.of("machine", "type"), "the node group's role"),
            Map.entry(List.of("machine", "token"), "the cluster's secrets"),
            Map.entry(List.of("machine", "ca"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "id"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "secret"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "token"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "ca"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "aggregatorCA"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "serviceAccount"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "secretboxEncryptionSecret"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "etcd", "ca"), "the cluster's secrets"),
            Map.entry(List.of("cluster", "clusterName"), "the cluster's name"),
            Map.entry(List.of("cluster", "controlPlane", "endpoint"), "the cluster's `endpoint`"));

    @Override
    public void check(Spec spec, Report report) {
        for (Cluster c : spec.clusters()) {
            String subject = "cluster " + c.name();
            c.patches().forEach(p -> patch(subject, p, report));
            List<String> nodes = new ArrayList<>();
            for (NodeGroup g : c.nodeGroups()) {
                g.patches().forEach(p -> patch(subject + " group " + g.name(), p, report));
                for (long n = 1; n <= g.count(); n++) {
                    nodes.add(Footprint.nodeName(c, g, n));
                }
            }
            c.nodePatches().forEach((node, patches) -> {
                if (!nodes.contains(node)) {
                    report.error("cluster-node-patch", subject, c.loc().of("node-patches", node), subject
                            + ": node-patches names '" + node + "', which is not a node of the cluster"
                            + Suggest.hint(node, nodes), "Nodes are named CLUSTER-GROUP-N, N from 1 to the"
                            + " group's count.");
                }
                patches.forEach(p -> patch(subject + " node " + node, p, report));
            });
        }
    }

    private static void patch(String subject, Patch p, Report report) {
        if (p.inline().isEmpty()) {
            return;
        }
        Map<String, Object> tree = p.inline().get();
        for (String key : tree.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                report.error("cluster-patch", subject, p.at(), subject + ": " + p.describe() + " sets '" + key
                        + "', which a machine-config patch cannot set" + Suggest.hint(key, TOP_KEYS),
                        "A patch of the v1alpha1 document sets keys under " + String.join(", ", TOP_KEYS) + ".");
            }
        }
        OWNED.forEach((path, owner) -> {
            if (has(tree, path)) {
                report.error("cluster-patch", subject, p.at(), subject + ": " + p.describe() + " sets "
                        + String.join(".", path) + ", which comes from " + owner, "The tool writes it in every"
                        + " node's document; change it there instead.");
            }
        });
    }

    private static boolean has(Map<String, Object> tree, List<String> path) {
        Object at = tree;
        for (String key : path) {
            if (!(at instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            at = map.get(key);
        }
        return true;
    }
}
