package net.sigsrv.infra.talos.nodes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.NodeDisk;
import net.sigsrv.infra.spec.model.Pool;
import net.sigsrv.infra.spec.model.RootDisk;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.model.Zone;
import net.sigsrv.infra.values.Size;

/**
 * The Incus part of the spec's clusters, as desired {@link Resource}s with the fields {@code plan.Observed} reads
 * back: per node a VM ({@code type: virtual-machine}, the group's cpu and memory, Secure Boot off as the Talos ISO
 * is not signed for it, a root disk, the Talos ISO and its data disks, the NIC with the reserved {@code ipv4.address}
 * and {@code hwaddr}), its data disks as custom {@code block} volumes, the Talos ISO as a custom {@code iso} volume
 * (one per host on a local pool, one in all on Ceph) and {@code A} records in the zone of the cluster's network for
 * every node and for the endpoint's name.
 *
 * <p>The VMs boot the ISO first ({@code boot.priority} 10) and the root disk next (1). They have no profiles: a
 * node VM is wholly described here, whatever the project's default profile says. They are not created from an
 * image (no {@code user.sigsrv-infra.image} key: the executor creates them empty), so a new Talos version in the
 * spec adds a new ISO volume and swaps the VMs' ISO device, never replaces a VM.
 *
 * <p>Where the ISO's bytes come from is written on the volume ({@code user.sigsrv-infra.iso.source}), so the plan
 * shows it: the {@code image} URL of the cluster when it is one, else the Talos release's {@code metal-amd64.iso}.
 * Downloading and importing it into the volume is not done yet: today the volume is created empty (which the
 * simulator accepts; a real daemon's import is the next step of issue 14).
 */
public final class ClusterResources {

    /** Config key on the ISO volume naming where its content comes from. */
    public static final String ISO_SOURCE_KEY = "user.sigsrv-infra.iso.source";
    /** Root disk of a node when neither its group nor the project's default profile sizes one. */
    public static final long DEFAULT_ROOT = 20L * 1024 * 1024 * 1024;
    /** TTL of the records made for nodes and endpoints. */
    public static final long RECORD_TTL = 300;
    private static final Set<String> REMOTE_DRIVERS = Set.of("ceph", "cephfs");

    private final Spec spec;
    private final boolean clustered;
    private final Map<Address, Resource> out = new LinkedHashMap<>();

    private ClusterResources(Spec spec, boolean clustered) {
        this.spec = spec;
        this.clustered = clustered;
    }

    /**
     * The Incus resources of every cluster of {@code spec} with its nodes as {@code plan} derives them; nodes
     * without an address are left out ({@link NodePlan#problems()} says why). {@code clustered}: whether the daemon
     * is a cluster (only then do VMs and local volumes carry a {@code location}).
     */
    public static Map<Address, Resource> of(Spec spec, NodePlan plan, boolean clustered) {
        ClusterResources r = new ClusterResources(spec, clustered);
        for (Cluster c : spec.clusters()) {
            r.cluster(c, plan.of(c.name()).stream().filter(n -> n.ipv4().isPresent()).toList());
        }
        return r.out;
    }

    /** What {@link NodePlan#of(Spec, Map)} keeps: {@code PROJECT/NAME} → the address a VM's NIC reserves today. */
    public static Map<String, String> kept(Map<Address, Resource> observed) {
        Map<String, String> out = new LinkedHashMap<>();
        observed.values().stream().filter(r -> r.address().kind() == Kind.INSTANCE)
                .filter(r -> !r.field("devices." + NIC + ".ipv4.address").isEmpty())
                .forEach(r -> out.put(r.address().scope() + "/" + r.address().name(),
                        r.field("devices." + NIC + ".ipv4.address")));
        return out;
    }

    /** The NIC device of a node VM. */
    public static final String NIC = "eth0";

    /** Where the ISO of {@code c} comes from: its {@code image} when that is a URL, else the release ISO. */
    public static String isoSource(Cluster c) {
        return c.image().filter(i -> i.startsWith("https://") || i.startsWith("http://"))
                .orElse("https://github.com/siderolabs/talos/releases/download/" + c.talos() + "/metal-amd64.iso");
    }

    /**
     * The pool of the ISO volume: the first pool whose {@code purpose} is {@code images}, else the pool of the
     * nodes' root disks.
     */
    static String isoPool(Spec spec, Cluster c) {
        return spec.storage().stream().filter(p -> p.purpose().equals("images")).map(Pool::name).findFirst()
                .orElseGet(() -> rootPool(spec, c, Optional.empty()));
    }

    /** The ISO volume a node on {@code host} boots: per host on a local pool, one for all on a remote one. */
    static String isoVolume(Spec spec, Cluster c, Optional<String> host) {
        String base = "talos-" + c.talos();
        return isRemote(spec, isoPool(spec, c)) || !host.isPresent() ? base : base + "-" + host.get();
    }

    private static String rootPool(Spec spec, Cluster c, Optional<RootDisk> group) {
        return group.map(RootDisk::pool)
                .or(() -> spec.project(c.project()).flatMap(p -> p.defaultProfile())
                        .flatMap(p -> p.settings().root()).map(RootDisk::pool))
                .or(() -> spec.storage().stream().map(Pool::name).findFirst())
                .orElse("default");
    }

    private static boolean isRemote(Spec spec, String pool) {
        return spec.pool(pool).map(p -> REMOTE_DRIVERS.contains(p.driver())).orElse(false);
    }

    private Map<String, String> owned(String description) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("description", Ownership.describe(description));
        f.put("config." + Ownership.KEY, spec.lab());
        return f;
    }

    private Optional<String> location(String pool, Optional<String> host) {
        return clustered && !isRemote(spec, pool) ? host : Optional.empty();
    }

    private void cluster(Cluster c, List<Node> nodes) {
        for (Node n : nodes) {
            iso(c, n.host());
            vm(c, n);
        }
        records(c, nodes);
    }

    private void iso(Cluster c, Optional<String> host) {
        String pool = isoPool(spec, c);
        Address a = Address.volume(c.project(), pool, isoVolume(spec, c, clustered ? host : Optional.empty()));
        if (out.containsKey(a)) {
            return;
        }
        Map<String, String> f = owned("Talos " + c.talos() + " ISO of cluster " + c.name());
        f.put("content_type", "iso");
        f.put("config." + ISO_SOURCE_KEY, isoSource(c));
        location(pool, host).ifPresent(h -> f.put("location", h));
        out.put(a, new Resource(a, f, true));
    }

    private void vm(Cluster c, Node n) {
        Map<String, String> f = owned("Talos " + n.group().role() + " node " + n.index() + " of group "
                + n.group().name() + ", cluster " + c.name());
        f.put("type", "virtual-machine");
        f.put("profiles", "");
        f.put("state", "running");
        n.host().filter(h -> clustered).ifPresent(h -> f.put("location", h));
        f.put("config.limits.cpu", String.valueOf(n.group().cpu()));
        f.put("config.limits.memory", Size.format(n.group().memory()));
        f.put("config.security.secureboot", "false");
        String root = rootPool(spec, c, n.group().root());
        long rootSize = n.group().root().flatMap(r -> r.size().isPresent() ? Optional.of(r.size().getAsLong())
                : Optional.empty()).orElse(DEFAULT_ROOT);
        disk(f, "root", root, Optional.empty());
        f.put("devices.root.path", "/");
        f.put("devices.root.size", Size.format(rootSize));
        f.put("devices.root.boot.priority", "1");
        disk(f, "iso", isoPool(spec, c), Optional.of(isoVolume(spec, c, clustered ? n.host() : Optional.empty())));
        f.put("devices.iso.boot.priority", "10");
        f.put("devices." + NIC + ".type", "nic");
        f.put("devices." + NIC + ".network", c.network());
        f.put("devices." + NIC + ".ipv4.address", n.address().orElseThrow());
        f.put("devices." + NIC + ".hwaddr", n.mac().orElseThrow());
        for (NodeDisk d : n.group().disks()) {
            String volume = n.name() + "-" + d.name();
            disk(f, deviceOf(d), d.pool(), Optional.of(volume));
            Map<String, String> v = owned("disk " + d.name() + " of Talos node " + n.name());
            v.put("content_type", "block");
            v.put("config.size", Size.format(d.size()));
            location(d.pool(), n.host()).ifPresent(h -> v.put("location", h));
            Address va = Address.volume(c.project(), d.pool(), volume);
            out.put(va, new Resource(va, v, true));
        }
        Address a = Address.scoped(Kind.INSTANCE, c.project(), n.name());
        out.put(a, new Resource(a, f, true));
    }

    /** A data disk's device: its name, or {@code disk-NAME} when the name is one of the VM's own devices. */
    static String deviceOf(NodeDisk d) {
        return Set.of("root", "iso", NIC).contains(d.name()) ? "disk-" + d.name() : d.name();
    }

    private static void disk(Map<String, String> f, String device, String pool, Optional<String> source) {
        f.put("devices." + device + ".type", "disk");
        f.put("devices." + device + ".pool", pool);
        source.ifPresent(s -> f.put("devices." + device + ".source", s));
    }

    /**
     * An {@code A} record per node in the zone of the cluster's network, and one for the endpoint's name when it
     * lies in a spec zone: every control plane's address (round-robin DNS, as Talos suggests for an endpoint
     * without a load balancer). A record the spec writes itself (say the endpoint on a virtual IP) stays the spec's.
     */
    private void records(Cluster c, List<Node> nodes) {
        Optional<String> zone = spec.network(c.network()).flatMap(n -> n.zone())
                .filter(z -> spec.zones().stream().anyMatch(s -> s.name().equals(z)));
        zone.ifPresent(z -> nodes.forEach(n -> record(z, n.name(), List.of(n.address().orElseThrow()))));
        Optional<String> host = NodePlan.endpointHost(c);
        List<String> planes = nodes.stream().filter(Node::isControlPlane).map(n -> n.address().orElseThrow())
                .toList();
        host.ifPresent(h -> spec.zones().stream().map(Zone::name).filter(z -> h.endsWith("." + z))
                .max((x, y) -> Integer.compare(x.length(), y.length()))
                .ifPresent(z -> {
                    if (!planes.isEmpty()) {
                        record(z, h.substring(0, h.length() - z.length() - 1), planes);
                    }
                }));
    }

    private void record(String zone, String name, List<String> addresses) {
        boolean inSpec = spec.zones().stream().filter(z -> z.name().equals(zone))
                .flatMap(z -> z.records().stream()).anyMatch(r -> r.name().equals(name));
        if (inSpec) {
            return;
        }
        Map<String, String> f = owned("");
        for (int i = 0; i < addresses.size(); i++) {
            f.put("entries." + i + ".type", "A");
            f.put("entries." + i + ".value", addresses.get(i));
            f.put("entries." + i + ".ttl", String.valueOf(RECORD_TTL));
        }
        Address a = Address.scoped(Kind.ZONE_RECORD, zone, name);
        out.put(a, new Resource(a, f, true));
    }
}
