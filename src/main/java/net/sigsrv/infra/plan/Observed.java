package net.sigsrv.infra.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;
import net.sigsrv.infra.incus.api.ZoneRecord;

/**
 * The lab as observed, turned into {@link Resource}s with the same flat fields as {@link Desired}. {@code volatile.*}
 * keys (they change as the daemon works) and the lab locks' keys ({@link Ownership#LOCK_PREFIX}) are dropped here;
 * other keys the daemon sets by itself are kept and ignored by the {@link Differ} unless the spec declares them. A network or pool still Pending on the cluster has
 * only its per-member parts. Built by {@code apply.Observer} from bulk list calls; projects are observed before what
 * is listed per project.
 */
public final class Observed {

    private final String lab;
    private final List<String> members;
    private final Map<Address, Resource> resources = new TreeMap<>();
    private final Map<String, Map<String, String>> projectConfig = new HashMap<>();
    private final SortedSet<Address> pending = new TreeSet<>();

    public Observed(String lab, List<ClusterMember> members) {
        this.lab = lab;
        this.members = members.stream().map(ClusterMember::serverName).toList();
    }

    public List<String> members() {
        return members;
    }

    /**
     * Networks and pools still Pending: defined on some members but never created globally — an interrupted create
     * (a crash between the two steps, by this tool or by hand). The per-member step cannot carry ownership marks
     * (the daemon takes only member keys there), so whose it is cannot be told.
     */
    public SortedSet<Address> pending() {
        return Collections.unmodifiableSortedSet(pending);
    }

    public Map<Address, Resource> resources() {
        return resources;
    }

    public String lab() {
        return lab;
    }

    /**
     * SHA-256 over the observed fields of {@code addresses} (absent ones count as absent): equal fingerprints mean
     * nothing a plan about those objects looked at has changed. Other labs' objects do not take part.
     */
    public String fingerprint(Collection<Address> addresses) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder();
            for (Address a : new TreeSet<>(addresses)) {
                // one object's lines at a time: the digest sees the same bytes as line by line, in fewer calls
                Resource r = resources.get(a);
                text.setLength(0);
                text.append(a).append(r == null ? " absent\n" : r.owned() ? " owned\n" : "\n");
                if (r != null) {
                    r.fields().forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
                }
                sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void put(Address a, Map<String, String> config, Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        config.forEach((k, v) -> {
            if (!ServerKeys.isVolatile(k) && !k.startsWith(Ownership.LOCK_PREFIX)) {
                f.put("config." + k, v);
            }
        });
        resources.put(a, new Resource(a, f, lab.equals(config.get(Ownership.KEY))));
    }

    public void project(Project p) {
        projectConfig.put(p.name(), p.config());
        put(Address.of(Kind.PROJECT, p.name()), p.config(), Map.of("description", p.description()));
    }

    /**
     * Whether what the daemon lists under {@code project} is that project's own. A project without the feature
     * ({@code features.profiles}, {@code features.storage.volumes}) uses the default project's profiles or volumes,
     * and the daemon lists those under its name too: they are observed once, under {@code default}, or a plan would
     * see them twice (and could delete the default project's object through the other project). A project that was
     * not observed is taken at its word.
     */
    private boolean hasOwn(String project, String feature) {
        Map<String, String> config = projectConfig.get(project);
        return project.equals("default") || config == null
                || List.of("true", "1", "yes", "on").contains(config.getOrDefault("features." + feature, ""));
    }

    /** A profile listed under {@code project}; ignored when the project uses the default project's profiles. */
    public void profile(String project, Profile p) {
        if (!hasOwn(project, "profiles")) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("description", p.description());
        devices(p.devices(), f);
        put(Address.scoped(Kind.PROFILE, project, p.name()), p.config(), f);
    }

    public void zone(NetworkZone z) {
        put(Address.of(Kind.ZONE, z.name()), z.config(), Map.of("description", z.description()));
    }

    public void record(String zone, ZoneRecord r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("description", r.description());
        for (int i = 0; i < r.entries().size(); i++) {
            ZoneRecord.Entry e = r.entries().get(i);
            f.put("entries." + i + ".type", e.type());
            f.put("entries." + i + ".value", e.value());
            f.put("entries." + i + ".ttl", String.valueOf(e.ttl() == null ? 300 : e.ttl()));
        }
        put(Address.scoped(Kind.ZONE_RECORD, zone, r.name()), r.config(), f);
    }

    public void acl(NetworkAcl a) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("description", a.description());
        rules("ingress", a.ingress(), f);
        rules("egress", a.egress(), f);
        put(Address.of(Kind.ACL, a.name()), a.config(), f);
    }

    private static void rules(String direction, List<NetworkAcl.Rule> rules, Map<String, String> f) {
        for (int i = 0; i < rules.size(); i++) {
            NetworkAcl.Rule r = rules.get(i);
            String p = direction + "." + i + ".";
            Map<String, String> keys = new LinkedHashMap<>();
            keys.put("action", r.action());
            keys.put("source", r.source());
            keys.put("destination", r.destination());
            keys.put("protocol", r.protocol());
            keys.put("source_port", r.sourcePort());
            keys.put("destination_port", r.destinationPort());
            keys.put("icmp_type", r.icmpType());
            keys.put("icmp_code", r.icmpCode());
            keys.put("state", r.state());
            keys.put("description", r.description());
            keys.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    f.put(p + k, v);
                }
            });
        }
    }

    /** The global view of a pool. */
    public void pool(StoragePool p) {
        if ("Pending".equalsIgnoreCase(p.status())) {
            pending.add(Address.of(Kind.POOL, p.name()));
            return;
        }
        put(Address.of(Kind.POOL, p.name()), p.config(), Map.of("description", p.description(), "driver",
                p.driver()));
    }

    /** One member's view of a pool: only its member-specific keys matter. */
    public void poolOnMember(String member, StoragePool p) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("driver", p.driver());
        for (String key : List.of("source", "size")) {
            if (p.config().containsKey(key)) {
                f.put("config." + key, p.config().get(key));
            }
        }
        resources.put(Address.onMember(Kind.POOL_MEMBER, p.name(), member),
                new Resource(Address.onMember(Kind.POOL_MEMBER, p.name(), member), f, true));
    }

    public void network(Network n) {
        if (n.managed() && "Pending".equalsIgnoreCase(n.status())) {
            pending.add(Address.of(Kind.NETWORK, n.name()));
        }
        if (!n.managed() || "Pending".equalsIgnoreCase(n.status())) {
            return;
        }
        put(Address.of(Kind.NETWORK, n.name()), n.config(), Map.of("description", n.description(), "type",
                n.type()));
    }

    /** One member's view of a network: only its member-specific keys matter. */
    public void networkOnMember(String member, Network n) {
        if (!n.managed()) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("type", n.type());
        String ext = n.config().get("bridge.external_interfaces");
        if (ext != null && !ext.isEmpty()) {
            f.put("config.bridge.external_interfaces", ext);
        }
        resources.put(Address.onMember(Kind.NETWORK_MEMBER, n.name(), member),
                new Resource(Address.onMember(Kind.NETWORK_MEMBER, n.name(), member), f, true));
    }

    /**
     * The field a member's part of a managed bridge gets when the bridge device is gone on that member while the
     * daemon still lists the network as Created ({@code GET /1.0/networks/NAME/state?target=M} answers 404). It is
     * never desired, so the {@link Differ} plans it away: apply makes the daemon set the bridge up again.
     */
    public static final String BRIDGE = "bridge";
    public static final String BRIDGE_MISSING = "missing";

    /**
     * The bridge device of network {@code name} does not exist on {@code member}. Marks that member's part, when it
     * was observed (a network deleted meanwhile has none, and is simply not there).
     */
    public void bridgeMissing(String member, String name) {
        Address a = Address.onMember(Kind.NETWORK_MEMBER, name, member);
        Resource r = resources.get(a);
        if (r != null) {
            Map<String, String> f = new LinkedHashMap<>(r.fields());
            f.put(BRIDGE, BRIDGE_MISSING);
            resources.put(a, new Resource(a, f, r.owned()));
        }
    }

    /** A volume listed under {@code project}; ignored when the project uses the default project's volumes. */
    public void volume(String project, String pool, StorageVolume v) {
        if (!"custom".equals(v.type()) || !hasOwn(project, "storage.volumes")) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("description", v.description());
        f.put("content_type", v.contentType() == null ? "filesystem" : v.contentType());
        if (!v.location().isEmpty() && !v.location().equals("none")) {
            f.put("location", v.location());
        }
        put(Address.volume(project, pool, v.name()), v.config(), f);
    }

    public void instance(Instance i) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("description", i.description());
        f.put("type", i.type());
        f.put("profiles", String.join(",", i.profiles()));
        f.put("state", i.isRunning() ? "running" : "stopped");
        if (!i.location().isEmpty() && !i.location().equals("none")) {
            f.put("location", i.location());
        }
        devices(i.devices(), f);
        put(Address.scoped(Kind.INSTANCE, i.project(), i.name()), i.config(), f);
    }

    private static void devices(Map<String, Map<String, String>> devices, Map<String, String> f) {
        devices.forEach((name, keys) -> keys.forEach((k, v) -> f.put("devices." + name + "." + k, v)));
    }
}
