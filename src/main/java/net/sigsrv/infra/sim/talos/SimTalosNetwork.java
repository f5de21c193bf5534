package net.sigsrv.infra.sim.talos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated Talos nodes that reach each other: an endpoint routes a call with the {@code node} header to the
 * node of that address or hostname (apid's proxying, in process here), and each cluster's etcd lives here, because
 * it belongs to no one node. Thread-safe.
 */
public final class SimTalosNetwork {

    private final Map<String, SimTalosNode> nodes = new ConcurrentHashMap<>();
    private final Map<String, Etcd> etcd = new ConcurrentHashMap<>();

    /** One etcd member: the id is derived from the hostname, stable across reboots. */
    record Member(long id, String hostname, String address) {
    }

    /** One cluster's etcd: bootstrapped once, then control planes join as they come up configured. */
    static final class Etcd {
        boolean bootstrapped;
        final Map<Long, Member> members = new LinkedHashMap<>();
    }

    void add(SimTalosNode node) {
        if (nodes.putIfAbsent(node.address(), node) != null) {
            throw new IllegalArgumentException("simulated Talos node " + node.address() + ": the address is taken");
        }
    }

    void remove(SimTalosNode node) {
        nodes.remove(node.address(), node);
    }

    /** The node a {@code node} header names: its address, or its hostname once configured. */
    Optional<SimTalosNode> node(String addressOrHostname) {
        SimTalosNode byAddress = nodes.get(addressOrHostname);
        if (byAddress != null) {
            return Optional.of(byAddress);
        }
        return nodes.values().stream().filter(n -> n.hostname().equals(addressOrHostname)).findFirst();
    }

    List<SimTalosNode> nodes(String cluster) {
        return new ArrayList<>(nodes.values().stream().filter(n -> n.cluster().equals(cluster)).toList());
    }

    /** The cluster's etcd; callers hold its monitor while they read or change it. */
    Etcd etcd(String cluster) {
        return etcd.computeIfAbsent(cluster, c -> new Etcd());
    }

    /** The OS CA with its key, from a control plane of the cluster: what trustd signs a worker's certificate with. */
    Optional<SimPki.Issued> osCa(String cluster) {
        return nodes(cluster).stream().map(SimTalosNode::osCaWithKey).flatMap(Optional::stream).findFirst();
    }
}
