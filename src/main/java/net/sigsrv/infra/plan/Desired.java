package net.sigsrv.infra.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.sigsrv.infra.spec.model.Acl;
import net.sigsrv.infra.spec.model.AclRule;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Limits;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.spec.model.Nic;
import net.sigsrv.infra.spec.model.Pool;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Project;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.model.Zone;
import net.sigsrv.infra.spec.model.ZoneRecord;
import net.sigsrv.infra.values.Ipv4;
import net.sigsrv.infra.values.Size;

/**
 * The lab as the spec wants it, as {@link Resource}s with the same flat fields {@link Observed} produces from the
 * API. Every resource carries the ownership mark. The Incus part of the {@code clusters:} section (node VMs, their
 * volumes, zone records) is not built here but by {@code talos.nodes.ClusterResources}, which the Incus layer
 * adds: {@code plan} may not use {@code talos}, and the node derivation belongs to the Talos layer.
 */
public final class Desired {

    /** Drivers whose volumes are reachable from every member, so they have no location. */
    private static final Set<String> REMOTE_DRIVERS = Set.of("ceph", "cephfs");

    private final Spec spec;
    private final List<String> members;
    private final boolean clustered;
    private final Map<Address, Resource> resources = new LinkedHashMap<>();

    private Desired(Spec spec, List<String> members, boolean clustered) {
        this.spec = spec;
        this.members = members;
        this.clustered = clustered;
    }

    /**
     * The desired resources of {@code spec}. On a cluster, networks and pools get a per-member part for each
     * member (the spec's host names are the member names); on a standalone daemon the member keys go straight
     * into the one global object, and instances and volumes have no {@code location} (the daemon reports none).
     */
    public static Map<Address, Resource> of(Spec spec, List<String> members, boolean clustered) {
        Desired d = new Desired(spec, members, clustered);
        d.build();
        return d.resources;
    }

    /** The instances the spec protects ({@code protect: true}). */
    public static Set<Address> protectedInstances(Spec spec) {
        return spec.instances().stream().filter(Instance::protect)
                .map(i -> Address.scoped(Kind.INSTANCE, i.project(), i.name())).collect(Collectors.toSet());
    }

    /**
     * What the desired state leaves out of the spec, one warning line each: the Talos part of the {@code clusters:}
     * section, until Talos provisioning exists. Plan and apply show them above the plan.
     */
    public static List<PlanWarning> warnings(Spec spec) {
        return warnings(spec, List.of(), false);
    }

    /**
     * What the plan says before its changes: the clusters whose Talos part it does not provision yet, and cluster members the spec's
     * hosts do not name (they still get their part of every network and pool: a bridge must exist on every member).
     */
    public static List<PlanWarning> warnings(Spec spec, List<String> observedMembers, boolean clustered) {
        List<PlanWarning> out = new java.util.ArrayList<>();
        if (!spec.clusters().isEmpty()) {
            out.add(new PlanWarning.ClustersNotProvisioned(spec.clusters().size()));
        }
        List<String> unnamed = clustered ? observedMembers.stream().filter(m -> !spec.hostNames().contains(m))
                .toList() : List.of();
        if (!unnamed.isEmpty()) {
            out.add(new PlanWarning.MembersNotInSpec(unnamed));
        }
        return List.copyOf(out);
    }

    /**
     * The members per-member parts are planned for: on a cluster, the spec's hosts (in spec order) and then every
     * other member of the cluster; on a standalone daemon, the daemon itself.
     */
    public static List<String> members(Spec spec, List<String> observedMembers, boolean clustered) {
        if (!clustered) {
            return observedMembers;
        }
        List<String> out = new java.util.ArrayList<>(spec.hostNames());
        observedMembers.stream().filter(m -> !out.contains(m)).sorted().forEach(out::add);
        return List.copyOf(out);
    }

    private void build() {
        spec.projects().forEach(this::project);
        spec.zones().forEach(this::zone);
        spec.acls().forEach(this::acl);
        spec.storage().forEach(this::pool);
        spec.networks().forEach(this::network);
        spec.profiles().forEach(p -> {
            profile(p.project(), p.name(), p.description(), p.settings());
            volumes(p.project(), "profile " + p.name(), p.settings(), Optional.empty());
        });
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(d -> {
            profile(p.name(), "default", "", d.settings());
            volumes(p.name(), "profile default", d.settings(), Optional.empty());
        }));
        spec.instances().forEach(this::instance);
    }

    private Map<String, String> owned(String description) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("description", Ownership.describe(description));
        f.put("config." + Ownership.KEY, spec.lab());
        return f;
    }

    private void put(Address a, Map<String, String> fields) {
        resources.put(a, new Resource(a, fields, true));
    }

    private void project(Project p) {
        Map<String, String> f = owned(p.description());
        p.features().forEach((k, v) -> f.put("config.features." + k, String.valueOf(v)));
        p.limits().ifPresent(l -> limits(l, f));
        if (!p.restrictions().isEmpty()) {
            f.put("config.restricted", "true");
            p.restrictions().forEach((k, v) -> f.put("config.restricted." + k, v));
        }
        put(Address.of(Kind.PROJECT, p.name()), f);
    }

    private static void limits(Limits l, Map<String, String> f) {
        l.cpu().ifPresent(v -> f.put("config.limits.cpu", String.valueOf(v)));
        l.memory().ifPresent(v -> f.put("config.limits.memory", Size.format(v)));
        l.disk().ifPresent(v -> f.put("config.limits.disk", Size.format(v)));
        l.instances().ifPresent(v -> f.put("config.limits.instances", String.valueOf(v)));
        l.containers().ifPresent(v -> f.put("config.limits.containers", String.valueOf(v)));
        l.virtualMachines().ifPresent(v -> f.put("config.limits.virtual-machines", String.valueOf(v)));
        l.networks().ifPresent(v -> f.put("config.limits.networks", String.valueOf(v)));
    }

    private void zone(Zone z) {
        put(Address.of(Kind.ZONE, z.name()), owned(z.description()));
        for (ZoneRecord r : z.records()) {
            Map<String, String> f = owned("");
            f.put("entries.0.type", r.type());
            f.put("entries.0.value", r.value());
            f.put("entries.0.ttl", String.valueOf(r.ttl()));
            put(Address.scoped(Kind.ZONE_RECORD, z.name(), r.name()), f);
        }
    }

    private void acl(Acl a) {
        Map<String, String> f = owned(a.description());
        rules("ingress", a.ingress(), f);
        rules("egress", a.egress(), f);
        put(Address.of(Kind.ACL, a.name()), f);
    }

    /** ACL rules as flat fields {@code ingress.N.KEY}, with the API's key names; empty values left out. */
    private static void rules(String direction, List<AclRule> rules, Map<String, String> f) {
        for (int i = 0; i < rules.size(); i++) {
            AclRule r = rules.get(i);
            String p = direction + "." + i + ".";
            f.put(p + "action", r.action());
            r.source().ifPresent(v -> f.put(p + "source", v));
            r.destination().ifPresent(v -> f.put(p + "destination", v));
            r.protocol().ifPresent(v -> f.put(p + "protocol", v));
            r.sourcePort().ifPresent(v -> f.put(p + "source_port", v));
            r.destinationPort().ifPresent(v -> f.put(p + "destination_port", v));
            r.icmpType().ifPresent(v -> f.put(p + "icmp_type", String.valueOf(v)));
            r.icmpCode().ifPresent(v -> f.put(p + "icmp_code", String.valueOf(v)));
            f.put(p + "state", r.state());
            if (!r.description().isEmpty()) {
                f.put(p + "description", r.description());
            }
        }
    }

    private void pool(Pool p) {
        for (String m : clustered ? members : List.<String>of()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("driver", p.driver());
            Optional.ofNullable(p.source().get(m)).ifPresent(s -> f.put("config.source", s));
            p.size().ifPresent(s -> f.put("config.size", Size.format(s)));
            put(Address.onMember(Kind.POOL_MEMBER, p.name(), m), f);
        }
        Map<String, String> f = owned(p.description());
        f.put("driver", p.driver());
        if (!clustered) {
            standaloneSource(p).ifPresent(src -> f.put("config.source", src));
            p.size().ifPresent(sz -> f.put("config.size", Size.format(sz)));
        }
        p.config().forEach((k, v) -> f.put("config." + k, v));
        put(Address.of(Kind.POOL, p.name()), f);
    }

    /**
     * The source of a pool on a standalone daemon: the one for the daemon's own name (its hostname), else, when the
     * spec has a single host, that host's — the daemon is that host whatever its hostname says.
     */
    private Optional<String> standaloneSource(Pool p) {
        Optional<String> own = members.stream().map(p.source()::get).filter(Objects::nonNull).findFirst();
        if (own.isPresent() || spec.hosts().size() != 1) {
            return own;
        }
        return Optional.ofNullable(p.source().get(spec.hosts().getFirst().name()));
    }

    private void network(Network n) {
        for (String m : clustered ? members : List.<String>of()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("type", "bridge");
            n.iface().ifPresent(i -> f.put("config.bridge.external_interfaces", i));
            put(Address.onMember(Kind.NETWORK_MEMBER, n.name(), m), f);
        }
        Map<String, String> f = owned(n.description());
        f.put("type", "bridge");
        if (!clustered) {
            n.iface().ifPresent(i -> f.put("config.bridge.external_interfaces", i));
        }
        Ipv4.parseCidr(n.ipv4()).ifPresent(c -> f.put("config.ipv4.address", n.gateway().orElse(
                Ipv4.format(c.firstHost())) + "/" + c.prefix()));
        f.put("config.ipv4.nat", String.valueOf(n.nat()));
        f.put("config.ipv6.address", "none");
        if (n.mtu() != 1500) {
            f.put("config.bridge.mtu", String.valueOf(n.mtu()));
        }
        n.zone().ifPresent(z -> {
            f.put("config.dns.domain", z);
            f.put("config.dns.zone.forward", z);
        });
        if (!n.acls().isEmpty()) {
            f.put("config.security.acls", String.join(",", n.acls()));
        }
        n.config().forEach((k, v) -> f.put("config." + k, v));
        if (sharedSegment(n) && reservesAddresses(n.name()) && !"false".equals(n.config().get("ipv4.dhcp"))) {
            String raw = n.config().getOrDefault(RAW_DNSMASQ, "");
            if (!raw.contains(OFFER_LATE_TO_UNKNOWN.substring(0, OFFER_LATE_TO_UNKNOWN.indexOf('=')))) {
                f.put("config." + RAW_DNSMASQ, raw.isEmpty() ? OFFER_LATE_TO_UNKNOWN
                        : raw.stripTrailing() + "\n" + OFFER_LATE_TO_UNKNOWN);
            }
        }
        put(Address.of(Kind.NETWORK, n.name()), f);
    }

    static final String RAW_DNSMASQ = "raw.dnsmasq";

    /**
     * On a bridge that several members carry over one segment, every member runs a DHCP server (dnsmasq) answering
     * as the same gateway, and only the instance's own member knows a NIC's reserved address: the other offers an
     * address of its own, and a client takes the first offer — which every member then acknowledges (a request
     * that follows an offer is not checked against the reservation). Seen on the lab: about 1 start in 6 one by
     * one, every one of 10 started at once, held a dynamic address instead of its reservation. This line makes
     * each member wait two seconds before it offers to a client it has no reservation for, so the reservation's own
     * member answers first — also when the instance's first request comes before its member's DHCP server has read
     * the new reservation (a container asks again a second later). Clients without a reservation get their lease
     * two seconds later.
     */
    static final String OFFER_LATE_TO_UNKNOWN = "dhcp-reply-delay=tag:!known,2";

    /** A clustered bridge over an external interface: one segment that every member's bridge joins. */
    private boolean sharedSegment(Network n) {
        return clustered && members.size() > 1 && n.iface().isPresent()
                && (n.hosts().isEmpty() || n.hosts().size() > 1);
    }

    /**
     * Whether a NIC of an instance in the spec reserves an address on {@code network}, or a cluster has nodes there
     * (every node VM's NIC reserves one: {@code talos.nodes.NodePlan}).
     */
    private boolean reservesAddresses(String network) {
        return spec.instances().stream().flatMap(i -> i.settings().nics().stream())
                .anyMatch(nic -> nic.network().equals(network) && nic.ipv4().isPresent())
                || spec.clusters().stream().anyMatch(c -> c.network().equals(network)
                        && c.nodeGroups().stream().anyMatch(g -> g.count() > 0));
    }

    private void profile(String project, String name, String description, Settings s) {
        Map<String, String> f = owned(description);
        settings(s, f);
        put(Address.scoped(Kind.PROFILE, project, name), f);
    }

    private static void settings(Settings s, Map<String, String> f) {
        s.cpu().ifPresent(v -> f.put("config.limits.cpu", String.valueOf(v)));
        s.memory().ifPresent(v -> f.put("config.limits.memory", Size.format(v)));
        s.snapshots().ifPresent(snap -> {
            f.put("config.snapshots.schedule", snap.schedule());
            snap.expiry().ifPresent(e -> f.put("config.snapshots.expiry", e));
            f.put("config.snapshots.pattern", snap.pattern());
        });
        s.root().ifPresent(r -> {
            f.put("devices.root.type", "disk");
            f.put("devices.root.path", "/");
            f.put("devices.root.pool", r.pool());
            r.size().ifPresent(v -> f.put("devices.root.size", Size.format(v)));
        });
        for (Nic n : s.nics()) {
            f.put("devices." + n.name() + ".type", "nic");
            f.put("devices." + n.name() + ".network", n.network());
            n.ipv4().ifPresent(a -> f.put("devices." + n.name() + ".ipv4.address", a));
            n.hwaddr().ifPresent(h -> f.put("devices." + n.name() + ".hwaddr", h.toLowerCase()));
        }
        for (Disk d : s.disks()) {
            f.put("devices." + d.name() + ".type", "disk");
            f.put("devices." + d.name() + ".pool", d.pool());
            f.put("devices." + d.name() + ".source", d.volume());
            d.path().ifPresent(p -> f.put("devices." + d.name() + ".path", p));
        }
        s.config().forEach((k, v) -> f.put("config." + k, v));
    }

    private void instance(Instance i) {
        Map<String, String> f = owned(i.description());
        f.put("type", i.type());
        f.put("config." + Ownership.IMAGE_KEY, i.image());
        f.put("profiles", String.join(",", i.profiles()));
        f.put("state", i.state());
        Optional<String> location = clustered ? i.target() : Optional.empty();
        location.ifPresent(t -> f.put("location", t));
        if (i.protect()) {
            f.put("config.security.protection.delete", "true");
        }
        if (i.privileged()) {
            f.put("config.security.privileged", "true");
        }
        settings(i.settings(), f);
        put(Address.scoped(Kind.INSTANCE, i.project(), i.name()), f);
        volumes(i.project(), i.name(), i.settings(), location);
    }

    /**
     * The custom volumes behind the disks of an instance or profile; the first user of a shared volume describes
     * it. A volume on a local pool lives on its instance's member ({@code location}); one on a remote pool (Ceph)
     * has no member, and the daemon reports none.
     */
    private void volumes(String project, String user, Settings s, Optional<String> location) {
        for (Disk d : s.disks()) {
            Map<String, String> v = owned("volume of " + user);
            v.put("content_type", d.content());
            v.put("config.size", Size.format(d.size()));
            if (!isRemote(d.pool())) {
                location.ifPresent(t -> v.put("location", t));
            }
            Address a = Address.volume(project, d.pool(), d.volume());
            resources.putIfAbsent(a, new Resource(a, v, true));
        }
    }

    private boolean isRemote(String pool) {
        return spec.pool(pool).map(p -> REMOTE_DRIVERS.contains(p.driver())).orElse(false);
    }
}
