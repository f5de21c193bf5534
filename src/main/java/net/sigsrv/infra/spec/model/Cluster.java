package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Optional;

/** A Talos Kubernetes cluster whose nodes are Incus VMs in {@code project} on {@code network}. */
public record Cluster(String name, String description, String project, String network, String talos,
                      Optional<String> kubernetes, String endpoint, Optional<String> image, Topology topology,
                      List<NodeGroup> nodeGroups, List<Addon> addons, Loc loc) {
    public Cluster {
        nodeGroups = List.copyOf(nodeGroups);
        addons = List.copyOf(addons);
    }
}
