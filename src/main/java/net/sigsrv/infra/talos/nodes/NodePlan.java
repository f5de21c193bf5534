package net.sigsrv.infra.talos.nodes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Ipv4;

/**
 * Every cluster node of a spec, knowable before boot: name, host, reserved IPv4 address and MAC.
 *
 * <p><b>Names</b>: {@code CLUSTER-GROUP-N}, N counting from 1 within the group (the naming validation already
 * holds: {@code cluster-node-name}). Lowering a group's count removes its highest numbers; no other node is renamed.
 *
 * <p><b>Placement</b>: round-robin over {@code topology.targets} (every spec host when empty), per group: node N of
 * the group at position G of its cluster's list runs on {@code targets[(G + N - 1) % targets]}. A group's nodes
 * take consecutive targets, so no two control planes share a host while there are at least as many targets as
 * control planes; starting each group one target further spreads the groups. A count change moves no other node;
 * reordering the groups does (the plan shows it).
 *
 * <p><b>Addresses</b>: each node's home slot is a hash (SHA-256) of {@code CLUSTER/GROUP/N} over the static part
 * of the cluster's network ({@link StaticAddresses}); a taken slot moves it to the next free one. Taken are the
 * addresses the spec pins on that network (NIC {@code ipv4} of instances and profiles, {@code A} records and cluster
 * endpoints written as an address, inside its subnet) and those of other nodes. A node's address depends only on its own identity — never on its position or on
 * how many nodes come before it — so count changes, added or removed groups and clusters leave every other node's
 * address alone. Two identities can share a home slot; then the one first in identity order ({@link #IDENTITY})
 * wins and the other moves on to the next free address. So that the loser does not move back when the winner goes away, the addresses the node VMs
 * already hold ({@code kept}, read from the lab: the lab is the state) are claimed first, as long as they are still
 * in the static part and unclaimed. A fresh plan and a plan after apply therefore give every node the same address.
 *
 * <p><b>MACs</b>: {@code 02:LL:A:B:C:D}, locally administered unicast (first octet {@code 02}), {@code LL} one byte
 * of a hash of the lab's name and {@code A.B.C.D} the node's address: unique wherever the addresses are (the spec's
 * subnets do not overlap), stable with them, and never in a vendor's range (the daemon's own are {@code 00:16:3e}).
 *
 * @param problems one line per node left without an address (its network's static part is full or unparsable)
 */
public record NodePlan(List<Node> nodes, List<String> problems) {

    public NodePlan {
        nodes = List.copyOf(nodes);
        problems = List.copyOf(problems);
    }

    /** The plan of a spec whose node VMs hold no addresses yet (an empty lab). */
    public static NodePlan of(Spec spec) {
        return of(spec, Map.of());
    }

    /**
     * The plan of {@code spec}; {@code kept} maps {@code PROJECT/NAME} of a node VM to the address its NIC already
     * reserves in the lab ({@link #kept}).
     */
    public static NodePlan of(Spec spec, Map<String, String> kept) {
        List<Slot> slots = new ArrayList<>();
        for (Cluster c : spec.clusters()) {
            List<String> targets = c.topology().targets().isEmpty() ? spec.hostNames() : c.topology().targets();
            for (int g = 0; g < c.nodeGroups().size(); g++) {
                NodeGroup group = c.nodeGroups().get(g);
                for (long n = 1; n <= group.count(); n++) {
                    Optional<String> host = targets.isEmpty() ? Optional.empty()
                            : Optional.of(targets.get((int) ((g + n - 1) % targets.size())));
                    slots.add(new Slot(c, group, n, name(c, group, n), host));
                }
            }
        }
        Map<Slot, Long> addresses = assign(spec, slots, kept);
        List<String> problems = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        String lab = spec.lab();
        for (Slot s : slots) {
            Long a = addresses.get(s);
            if (a == null) {
                problems.add("cluster " + s.cluster.name() + " node " + s.name + ": no free static address on network "
                        + s.cluster.network() + " (outside ipv4.dhcp.ranges, the gateway and the spec's pinned"
                        + " addresses); the node is left out");
            }
            nodes.add(new Node(s.cluster, s.group, s.index, s.name, s.host,
                    a == null ? OptionalLong.empty() : OptionalLong.of(a),
                    a == null ? Optional.empty() : Optional.of(mac(lab, a))));
        }
        return new NodePlan(nodes, problems);
    }

    /** The node VM's name: {@code CLUSTER-GROUP-N}. */
    public static String name(Cluster c, NodeGroup g, long n) {
        return c.name() + "-" + g.name() + "-" + n;
    }

    /** The nodes of cluster {@code name}, in spec order (groups in order, then N). */
    public List<Node> of(String cluster) {
        return nodes.stream().filter(n -> n.cluster().name().equals(cluster)).toList();
    }

    /** The MAC of a node whose reserved address is {@code ipv4}, in lab {@code lab}. */
    public static String mac(String lab, long ipv4) {
        int labByte = sha256(lab)[0] & 0xff;
        return String.format("02:%02x:%02x:%02x:%02x:%02x", labByte, (ipv4 >> 24) & 0xff, (ipv4 >> 16) & 0xff,
                (ipv4 >> 8) & 0xff, ipv4 & 0xff);
    }

    private record Slot(Cluster cluster, NodeGroup group, long index, String name, Optional<String> host) {
        String key() {
            return cluster.project() + "/" + name;
        }
    }

    private static Map<Slot, Long> assign(Spec spec, List<Slot> slots, Map<String, String> kept) {
        Map<String, Optional<StaticAddresses>> pools = new HashMap<>();
        Map<String, Set<Long>> taken = new HashMap<>();
        for (Slot s : slots) {
            String net = s.cluster.network();
            pools.computeIfAbsent(net, k -> spec.network(k).flatMap(StaticAddresses::of));
            taken.computeIfAbsent(net, k -> pinned(spec, k));
        }
        Map<Slot, Long> out = new LinkedHashMap<>();
        for (Slot s : slots) {
            Optional<StaticAddresses> pool = pools.get(s.cluster.network());
            OptionalLong held = Optional.ofNullable(kept.get(s.key())).map(Ipv4::parseAddress)
                    .orElse(OptionalLong.empty());
            if (held.isPresent() && pool.isPresent() && pool.get().contains(held.getAsLong())
                    && taken.get(s.cluster.network()).add(held.getAsLong())) {
                out.put(s, held.getAsLong());
            }
        }
        List<Slot> fresh = slots.stream().filter(s -> !out.containsKey(s)).sorted(IDENTITY).toList();
        for (Slot s : fresh) {
            Optional<StaticAddresses> pool = pools.get(s.cluster.network());
            if (pool.isEmpty() || pool.get().size() == 0) {
                continue;
            }
            StaticAddresses p = pool.get();
            Set<Long> used = taken.get(s.cluster.network());
            long home = homeSlot(s.cluster.name(), s.group.name(), s.index, p.size());
            for (long step = 0; step < p.size(); step++) {
                long candidate = p.get((home + step) % p.size());
                if (used.add(candidate)) {
                    out.put(s, candidate);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * Identity order, in which a shared home slot is won (and, when a network runs out, the last ones go without):
     * cluster, N, control planes before workers, group name. Lower numbers first, so a full network leaves out the
     * highest numbers of each group rather than a whole group, and never a control plane for a worker of its rank.
     */
    private static final Comparator<Slot> IDENTITY = Comparator.<Slot, String>comparing(s -> s.cluster.name())
            .thenComparingLong(s -> s.index).thenComparing(s -> !s.group.isControlPlane())
            .thenComparing(s -> s.group.name());

    /** The home slot of node N of a group: its index among {@code size} static addresses, from SHA-256. */
    static long homeSlot(String cluster, String group, long index, long size) {
        return Long.remainderUnsigned(first8(sha256(cluster + "/" + group + "/" + index)), size);
    }

    /** The host of a cluster's endpoint URL ({@code https://HOST:PORT}); empty when it does not parse. */
    static Optional<String> endpointHost(Cluster c) {
        try {
            return Optional.ofNullable(java.net.URI.create(c.endpoint()).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Addresses the spec pins on network {@code name}: NIC reservations, A records and endpoints given as an address
     * (a virtual IP, say), inside its subnet.
     */
    private static Set<Long> pinned(Spec spec, String name) {
        Set<Long> out = new HashSet<>();
        Optional<Ipv4.Cidr> cidr = spec.network(name).map(Network::ipv4).flatMap(Ipv4::parseCidr);
        Stream<Settings> settings = Stream.of(
                spec.instances().stream().map(i -> i.settings()),
                spec.profiles().stream().map(p -> p.settings()),
                spec.projects().stream().flatMap(p -> p.defaultProfile().stream()).map(p -> p.settings()))
                .flatMap(s -> s);
        settings.flatMap(s -> s.nics().stream()).filter(n -> n.network().equals(name))
                .flatMap(n -> n.ipv4().stream()).map(Ipv4::parseAddress)
                .forEach(a -> a.ifPresent(out::add));
        Stream.concat(
                spec.zones().stream().flatMap(z -> z.records().stream()).filter(r -> r.type().equals("A"))
                        .map(r -> r.value()),
                spec.clusters().stream().flatMap(c -> endpointHost(c).stream()))
                .map(Ipv4::parseAddress)
                .forEach(a -> a.ifPresent(v -> {
                    if (cidr.isPresent() && cidr.get().contains(v)) {
                        out.add(v);
                    }
                }));
        return out;
    }

    private static long first8(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
