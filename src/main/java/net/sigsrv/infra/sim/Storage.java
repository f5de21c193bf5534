package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.sigsrv.infra.values.Size;

/**
 * Storage pools (per member with {@code source}/{@code size} → Pending, then globally → Created), their space per
 * member, and custom volumes that live on one member ({@code location}) for local drivers.
 */
final class Storage {

    static final Set<String> MEMBER_KEYS = Set.of("source", "size", "zfs.pool_name", "lvm.thinpool_name",
            "lvm.vg_name");
    static final Set<String> DRIVERS = Set.of("dir", "zfs", "btrfs", "lvm", "ceph", "cephfs");
    static final Set<String> REMOTE = Set.of("ceph", "cephfs");
    /** What a member's pool holds when its size is not given: the disk behind it, as the simulator pretends. */
    static final long DEFAULT_TOTAL = 1L << 40;
    private final SimModel m;

    Storage(SimModel m) {
        this.m = m;
    }

    Reply handle(Req r) {
        if (r.depth() == 1) {
            return r.is("POST") ? createPool(r) : listPools(r);
        }
        SimState.Pool p = pool(r.seg(1));
        if (r.depth() == 3 && r.seg(2).equals("resources")) {
            return Reply.sync(resources(p, r.target() == null ? m.networks.firstOnline().name : r.target()));
        }
        if (r.depth() >= 3 && r.seg(2).equals("volumes")) {
            return new Volumes(m, this).handle(r, p);
        }
        if (r.depth() != 2) {
            throw SimError.notFound("Page");
        }
        switch (r.method()) {
            case "GET" -> {
                return Reply.sync(view(p, r.target()));
            }
            case "PUT", "PATCH" -> {
                Map<String, String> body = SimModel.config(r.body());
                if (r.target() != null) {
                    m.member(r.target());
                    Map<String, String> mine = new TreeMap<>(p.memberConfig.getOrDefault(r.target(), Map.of()));
                    body.forEach((k, v) -> {
                        if (MEMBER_KEYS.contains(k)) {
                            mine.put(k, v);
                        }
                    });
                    p.memberConfig.put(r.target(), mine);
                } else {
                    Map<String, String> global = new TreeMap<>(r.is("PATCH") ? p.config : Map.of());
                    body.forEach((k, v) -> {
                        if (!MEMBER_KEYS.contains(k)) {
                            global.put(k, v);
                        }
                    });
                    p.config = global;
                    if (r.body().has("description") || r.is("PUT")) {
                        p.description = J.text(r.body(), "description", "");
                    }
                }
                m.changed();
                return Reply.ok();
            }
            case "DELETE" -> {
                if (!usedBy(p.name).isEmpty()) {
                    throw SimError.badRequest("The storage pool is currently in use");
                }
                m.state.pools.remove(p.name);
                m.changed();
                return Reply.ok();
            }
            default -> throw SimError.badRequest("method not allowed");
        }
    }

    SimState.Pool pool(String name) {
        SimState.Pool p = m.state.pools.get(name);
        if (p == null) {
            throw SimError.notFound("Storage pool");
        }
        return p;
    }

    private Reply listPools(Req r) {
        ArrayNode a = J.arr();
        for (SimState.Pool p : m.state.pools.values()) {
            if (r.recursion() > 0) {
                a.add(view(p, r.target()));
            } else {
                a.add("/1.0/storage-pools/" + p.name);
            }
        }
        return Reply.sync(a);
    }

    private ObjectNode view(SimState.Pool p, String target) {
        Map<String, String> config = new TreeMap<>(p.config);
        if (target != null) {
            m.member(target);
            config.putAll(p.memberConfig.getOrDefault(target, Map.of()));
        }
        ObjectNode o = J.obj().put("name", p.name).put("description", p.description).put("driver", p.driver)
                .put("status", p.status);
        o.set("config", J.strings(config));
        o.set("locations", J.arr(p.memberConfig.keySet()));
        o.set("used_by", J.arr(usedBy(p.name)));
        return o;
    }

    private Reply createPool(Req r) {
        String name = J.text(r.body(), "name", "");
        String driver = J.text(r.body(), "driver", "");
        if (name.isEmpty()) {
            throw SimError.badRequest("No name provided");
        }
        if (!DRIVERS.contains(driver)) {
            throw SimError.badRequest("Storage driver \"" + driver + "\" is not supported");
        }
        Map<String, String> config = SimModel.config(r.body());
        SimState.Pool p = m.state.pools.get(name);
        if (r.target() != null) {
            for (String k : config.keySet()) {
                if (!MEMBER_KEYS.contains(k)) {
                    throw SimError.badRequest("Config key \"" + k + "\" may not be used as member-specific key");
                }
            }
            m.member(r.target());
            if (p != null && p.memberConfig.containsKey(r.target())) {
                throw SimError.badRequest("The storage pool already defined on member \"" + r.target() + "\"");
            }
            if (p == null) {
                p = new SimState.Pool();
                p.name = name;
                p.driver = driver;
                m.state.pools.put(name, p);
            }
            p.memberConfig.put(r.target(), withDefaults(name, driver, config));
            m.changed();
            return Reply.ok();
        }
        for (String k : config.keySet()) {
            if (MEMBER_KEYS.contains(k) && !REMOTE.contains(driver)) {
                throw SimError.internal("Config key \"" + k + "\" is cluster member specific");
            }
        }
        if (p != null && p.status.equals("Created")) {
            throw SimError.conflict("Storage pool \"" + name + "\" already exists");
        }
        List<String> missing = new ArrayList<>();
        for (SimState.Member mem : m.state.members) {
            if (p != null && !p.memberConfig.containsKey(mem.name)) {
                missing.add(mem.name);
            }
        }
        if (!missing.isEmpty()) {
            throw SimError.internal("Pool not defined on nodes: " + String.join(", ", missing));
        }
        m.state.members.forEach(mem -> m.reachable(mem.name));
        SimState.Pool created = p == null ? new SimState.Pool() : p;
        created.name = name;
        created.driver = driver;
        for (SimState.Member mem : m.state.members) {
            created.memberConfig.putIfAbsent(mem.name, withDefaults(name, driver, Map.of()));
        }
        created.description = J.text(r.body(), "description", "");
        created.config = new TreeMap<>(config);
        created.status = "Created";
        m.state.pools.put(name, created);
        m.changed();
        return Reply.ok();
    }

    /** The keys the daemon fills in on a member: where the pool lives when no source was given. */
    private Map<String, String> withDefaults(String name, String driver, Map<String, String> given) {
        Map<String, String> c = new TreeMap<>(given);
        String dir = (m.lxd() ? "/var/lib/lxd" : "/var/lib/incus") + "/storage-pools/" + name;
        switch (driver) {
            case "dir" -> c.putIfAbsent("source", dir);
            case "zfs" -> {
                c.putIfAbsent("zfs.pool_name", c.getOrDefault("source", name));
                if (!c.containsKey("source")) {
                    c.put("size", c.getOrDefault("size", "30GiB"));
                    c.put("source", (m.lxd() ? "/var/lib/lxd" : "/var/lib/incus") + "/disks/" + name + ".img");
                }
            }
            case "btrfs", "lvm" -> {
                if (!c.containsKey("source")) {
                    c.put("size", c.getOrDefault("size", "30GiB"));
                    c.put("source", (m.lxd() ? "/var/lib/lxd" : "/var/lib/incus") + "/disks/" + name + ".img");
                }
            }
            default -> { }
        }
        return c;
    }

    List<String> usedBy(String pool) {
        Map<String, List<String>> all = m.memo("pool-users", this::users);
        return all.getOrDefault(pool, List.of());
    }

    /** Pool → profiles, instances (root disk) and volumes on it, in one pass over the state. */
    private Map<String, List<String>> users() {
        Map<String, List<String>> u = new TreeMap<>();
        m.state.profiles.forEach((project, profiles) -> profiles.forEach((name, p) -> {
            for (JsonNode d : p.path("devices")) {
                if ("disk".equals(d.path("type").asText()) && !d.path("pool").asText().isEmpty()) {
                    u.computeIfAbsent(d.path("pool").asText(), k -> new ArrayList<>())
                            .add(SimModel.url("/1.0/profiles", name, project));
                    break;
                }
            }
        }));
        m.state.instances.values().forEach(i -> {
            String pool = m.instances.rootPool(i);
            if (pool != null) {
                u.computeIfAbsent(pool, k -> new ArrayList<>()).add(SimModel.url("/1.0/instances",
                        i.object.path("name").asText(), i.object.path("project").asText()));
            }
        });
        m.state.volumes.values().forEach(v -> u.computeIfAbsent(v.path("pool").asText(), k -> new ArrayList<>())
                .add(SimModel.url("/1.0/storage-pools/" + v.path("pool").asText() + "/volumes/custom",
                        v.path("name").asText(), v.path("project").asText())));
        return u;
    }

    ObjectNode resources(SimState.Pool p, String member) {
        m.reachable(member);
        long total = total(p, member);
        long used = p.full.contains(member) ? total : Math.min(total, used(p, member));
        ObjectNode o = J.obj();
        o.putObject("space").put("used", used).put("total", total);
        o.putObject("inodes").put("used", 0).put("total", 0);
        return o;
    }

    long total(SimState.Pool p, String member) {
        String size = p.memberConfig.getOrDefault(member, Map.of()).get("size");
        return size == null ? DEFAULT_TOTAL : Size.parse(size).orElse(0);
    }

    long used(SimState.Pool p, String member) {
        long used = 0;
        for (ObjectNode v : m.state.volumes.values()) {
            if (v.path("pool").asText().equals(p.name) && member.equals(v.path("location").asText())) {
                used += Size.parse(v.path("config").path("size").asText("0")).orElse(0);
            }
        }
        for (SimState.Inst i : m.state.instances.values()) {
            if (p.name.equals(m.instances.rootPool(i)) && member.equals(i.location)) {
                used += Size.parse(m.instances.rootSize(i)).orElse(0);
            }
        }
        return used;
    }

    /**
     * Refuses to put more on a member's pool that {@code fill-pool} filled, as a real pool fails the write. Space is
     * only reported, never enforced otherwise: thin pools (zfs, btrfs) let quotas add up past their size.
     */
    void reserve(SimState.Pool p, String member, long bytes) {
        if (p.full.contains(member)) {
            throw SimError.internal("Failed creating volume on pool \"" + p.name + "\" on member \"" + member
                    + "\": No space left on device");
        }
    }
}
