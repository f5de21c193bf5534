package net.sigsrv.infra.spec.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Talos Kubernetes cluster whose nodes are Incus VMs in {@code project} on {@code network}.
 *
 * @param installer   the Talos installer image, when not Talos's own for {@code talos}
 * @param cni         {@code flannel} or {@code none}
 * @param kubeProxy   whether kube-proxy runs
 * @param patches     machine-config patches of every node, in order
 * @param nodePatches machine-config patches of single nodes, by node name
 */
public record Cluster(String name, String description, String project, String network, String talos,
                      Optional<String> kubernetes, String endpoint, Optional<String> image, Topology topology,
                      Optional<String> installer, String cni, boolean kubeProxy, List<Patch> patches, Map<String, List<Patch>> nodePatches,
                      List<NodeGroup> nodeGroups, List<Addon> addons, Loc loc) {
    public Cluster {
        patches = List.copyOf(patches);
        Map<String, List<Patch>> copy = new LinkedHashMap<>();
        nodePatches.forEach((node, list) -> copy.put(node, List.copyOf(list)));
        nodePatches = Ordered.copy(copy);
        nodeGroups = List.copyOf(nodeGroups);
        addons = List.copyOf(addons);
    }
}
