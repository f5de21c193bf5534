package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated cluster: routes a {@link Req} to the area that owns it and answers like the daemon. Not
 * thread-safe by itself: {@link SimServer} serialises requests on it. Every change marks the state dirty for
 * {@link SimStore}.
 */
public final class SimModel {

    /** The member names a fresh simulator has: the hosts of {@code examples/sigsrv.yaml}. */
    public static final List<String> DEFAULT_MEMBERS = List.of("sigsrv", "minisrv");
    /** VLAN interfaces every member has (name → VLAN id), as on the example lab's hosts. */
    public static final Map<String, Integer> DEFAULT_VLANS = Map.of("sigsrv0", 20, "incus0", 16, "user0", 24);

    SimState state;
    private volatile boolean dirty;
    private long version;
    private final Map<String, Object> memo = new java.util.HashMap<>();
    final Projects projects = new Projects(this);
    final Networks networks = new Networks(this);
    final Leases leases = new Leases(this);
    final Storage storage = new Storage(this);
    final Instances instances = new Instances(this);
    final Faults faults = new Faults(this);

    public SimModel(SimState state) {
        this.state = state;
    }

    /** A fresh cluster: members with their VLAN interfaces, the default project and its default profile. */
    public static SimState fresh(List<String> members, String flavour) {
        if (!flavour.equals("incus") && !flavour.equals("lxd")) {
            throw new IllegalArgumentException("flavour " + flavour + ": must be incus or lxd");
        }
        SimState s = new SimState();
        s.flavour = flavour;
        int n = 0;
        for (String name : members) {
            n++;
            SimState.Member m = new SimState.Member();
            m.name = name;
            m.url = "https://10.0.0." + (10 + n) + ":8443";
            m.roles = new ArrayList<>(n == 1 ? List.of("database-leader", "database")
                    : n <= 3 ? List.of("database") : List.of("database-standby"));
            SimState.Iface mgmt = new SimState.Iface();
            mgmt.name = "eth0";
            mgmt.type = "physical";
            mgmt.addresses.add("10.0.0." + (10 + n) + "/24");
            mgmt.hwaddr = String.format("00:16:3e:00:%02x:01", n);
            m.ifaces.put(mgmt.name, mgmt);
            for (var v : new TreeMap<>(DEFAULT_VLANS).entrySet()) {
                SimState.Iface i = new SimState.Iface();
                i.name = v.getKey();
                i.vid = v.getValue();
                i.lower = "eth1";
                i.hwaddr = String.format("00:16:3e:%02x:%02x:02", n, v.getValue());
                m.ifaces.put(i.name, i);
            }
            s.members.add(m);
        }
        boolean lxd = flavour.equals("lxd");
        ObjectNode project = J.obj().put("name", "default").put("description", lxd ? "Default LXD project"
                : "Default Incus project");
        ObjectNode config = project.putObject("config");
        for (String f : List.of("images", "profiles", "storage.volumes", "networks")) {
            config.put("features." + f, "true");
        }
        if (!lxd) {
            config.put("features.storage.buckets", "true");
            config.put("features.networks.zones", "true");
        }
        s.projects.put("default", project);
        s.profiles.put("default", new TreeMap<>(Map.of("default", Projects.defaultProfile(lxd ? "Default LXD profile"
                : "Default Incus profile"))));
        return s;
    }

    public SimState state() {
        return state;
    }

    void changed() {
        dirty = true;
        version++;
        memo.clear();
    }

    /**
     * A value derived from the whole state (who uses a pool or network), computed once per state version: a plan
     * reads each pool and network once per member, and recomputing over every instance each time was quadratic.
     */
    @SuppressWarnings("unchecked")
    <T> T memo(String key, java.util.function.Supplier<T> compute) {
        Object v = memo.get(key);
        if (v == null) {
            long before = version;
            v = compute.get();
            if (version == before) { // computing it changed nothing (a GET that hands out a lease does)
                memo.put(key, v);
            }
        }
        return (T) v;
    }

    /** Whether the state changed since the last call (and clears the flag). */
    boolean takeDirty() {
        boolean d = dirty;
        dirty = false;
        return d;
    }

    boolean lxd() {
        return state.flavour.equals("lxd");
    }

    /** Answers one API request. */
    Reply handle(Req r) {
        if (r.depth() == 0) {
            if (!r.is("GET")) {
                throw SimError.badRequest("method not allowed");
            }
            return Reply.sync(serverInfo());
        }
        return switch (r.seg(0)) {
            case "cluster" -> cluster(r);
            case "projects", "profiles" -> projects.handle(r);
            case "networks", "network-zones", "network-acls" -> networks.handle(r);
            case "storage-pools" -> storage.handle(r);
            case "instances" -> instances.handle(r);
            default -> throw SimError.notFound("Page");
        };
    }

    ObjectNode serverInfo() {
        ObjectNode o = J.obj();
        o.set("api_extensions", J.arr(Extensions.of(state.flavour)));
        o.put("api_status", "stable").put("api_version", "1.0").put("auth", "trusted").put("public", false);
        o.set("auth_methods", J.arr(List.of("tls")));
        o.putObject("config").put("core.https_address", ":8443").put("cluster.https_address",
                state.members.isEmpty() ? "" : state.members.getFirst().url.substring(8));
        SimState.Member first = state.members.getFirst();
        ObjectNode env = o.putObject("environment");
        env.put("server", state.flavour).put("server_name", first.name)
                .put("server_version", lxd() ? "5.0.2" : "6.0.4").put("server_clustered", true)
                .put("server_event_mode", "full-mesh").put("server_pid", 1)
                .put("kernel", "Linux").put("kernel_version", "6.1.0").put("storage", "dir")
                .put("firewall", "nftables").put("driver", "lxc | qemu");
        env.set("addresses", J.arr(List.of(first.url.substring(8))));
        env.set("architectures", J.arr(List.of("x86_64", "i686")));
        return o;
    }

    private Reply cluster(Req r) {
        if (r.depth() == 1) {
            return Reply.sync(J.obj().put("server_name", state.members.getFirst().name).put("enabled", true));
        }
        if (!"members".equals(r.seg(1)) || !r.is("GET")) {
            throw SimError.notFound("Page");
        }
        if (r.depth() == 3) {
            return Reply.sync(memberJson(member(r.seg(2))));
        }
        ArrayNode a = J.arr();
        for (SimState.Member m : state.members) {
            if (r.recursion() > 0) {
                a.add(memberJson(m));
            } else {
                a.add("/1.0/cluster/members/" + m.name);
            }
        }
        return Reply.sync(a);
    }

    private static ObjectNode memberJson(SimState.Member m) {
        ObjectNode o = J.obj().put("server_name", m.name).put("url", m.url).put("database",
                m.roles.stream().anyMatch(x -> x.startsWith("database")));
        o.put("status", m.status).put("message", m.message).put("architecture", "x86_64")
                .put("failure_domain", "default").put("description", "");
        o.set("roles", J.arr(m.roles));
        o.set("groups", J.arr(List.of("default")));
        o.putObject("config");
        return o;
    }

    /** The member named {@code name}; 404 like the daemon when there is none. */
    SimState.Member member(String name) {
        return state.members.stream().filter(m -> m.name.equals(name)).findFirst()
                .orElseThrow(() -> SimError.notFound("Cluster member"));
    }

    /** A member a request is forwarded to: it must be reachable. */
    SimState.Member reachable(String name) {
        SimState.Member m = member(name);
        if (!m.status.equals("Online")) {
            throw SimError.internal("Failed to get address of cluster member \"" + name + "\": member is "
                    + m.status.toLowerCase() + " (" + m.message + ")");
        }
        return m;
    }

    /** The project named in the request; 404 like the daemon when it does not exist. */
    ObjectNode project(String name) {
        ObjectNode p = state.projects.get(name);
        if (p == null) {
            throw SimError.notFound("Project");
        }
        return p;
    }

    /** Whether {@code project} has its own {@code feature} (else it uses the default project's). */
    boolean hasOwn(String project, String feature) {
        return project.equals("default") || "true".equals(J.text(project(project).path("config"),
                "features." + feature, "false"));
    }

    /** An object URL as the daemon writes it, with {@code ?project=} outside the default project. */
    static String url(String base, String name, String project) {
        String u = base + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return project == null || project.equals("default") ? u : u + "?project=" + project;
    }

    String nextSerial() {
        state.serial++;
        changed();
        return String.valueOf(state.serial);
    }

    /** A MAC address in the daemon's 00:16:3e range, unique within the state. */
    String nextHwaddr() {
        long n = ++state.serial;
        changed();
        return String.format("00:16:3e:%02x:%02x:%02x", (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);
    }

    static Map<String, String> config(JsonNode o) {
        return J.strings(o.path("config"));
    }
}
