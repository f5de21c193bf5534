package net.sigsrv.infra.talos.nodes;

import java.util.Optional;
import java.util.OptionalLong;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.values.Ipv4;

/**
 * One node of a cluster as known before it boots.
 *
 * @param index counts from 1 within its group; the name is {@code CLUSTER-GROUP-INDEX}
 * @param host  the host (cluster member) it runs on; empty when the spec names no host at all
 * @param ipv4  its reserved address on the cluster's network; empty when the network's static part is full (the
 *              plan says so and leaves the node out)
 * @param mac   its fixed MAC, locally administered, derived from {@code ipv4}; empty with it
 */
public record Node(Cluster cluster, NodeGroup group, long index, String name, Optional<String> host,
                   OptionalLong ipv4, Optional<String> mac) {

    public boolean isControlPlane() {
        return group.isControlPlane();
    }

    /** The reserved address as text ({@code 172.20.13.7}); empty when the node has none. */
    public Optional<String> address() {
        return ipv4.isPresent() ? Optional.of(Ipv4.format(ipv4.getAsLong())) : Optional.empty();
    }

    /** The Incus project its VM lives in. */
    public String project() {
        return cluster.project();
    }
}
