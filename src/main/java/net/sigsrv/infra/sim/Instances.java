package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.sigsrv.infra.values.Size;

/**
 * Instances — containers and virtual machines — placed on a member ({@code ?target=}, else the one with fewest
 * instances), created and changed through operations, with the project's limits checked like the daemon checks
 * them, DHCP leases taken when they start, and a few probe commands to exec ({@link Probes}).
 */
final class Instances {

    private static final List<String> TYPES = List.of("container", "virtual-machine");
    private final SimModel m;
    private final Exec exec;

    Instances(SimModel m) {
        this.m = m;
        this.exec = new Exec(m, this);
    }

    Reply handle(Req r) {
        if (r.depth() == 1) {
            return r.is("POST") ? create(r) : list(r);
        }
        SimState.Inst i = instance(r.project(), r.seg(1));
        if (r.depth() == 2) {
            return switch (r.method()) {
                case "GET" -> Reply.sync(view(i, r.recursion() >= 2));
                case "PUT", "PATCH" -> update(i, r);
                case "DELETE" -> delete(i);
                default -> throw SimError.badRequest("method not allowed");
            };
        }
        return switch (r.seg(2)) {
            case "state" -> r.is("GET") ? Reply.sync(state(i)) : changeState(i, r.body());
            case "exec" -> exec.run(i, r.body());
            case "logs" -> exec.logFile(r);
            default -> throw SimError.notFound("Page");
        };
    }

    SimState.Inst instance(String project, String name) {
        m.project(project);
        SimState.Inst i = m.state.instances.get(project + "/" + name);
        if (i == null) {
            throw SimError.notFound("Instance");
        }
        return i;
    }

    static String name(SimState.Inst i) {
        return i.object.path("name").asText();
    }

    private static String project(SimState.Inst i) {
        return i.object.path("project").asText();
    }

    private Reply list(Req r) {
        boolean all = "true".equals(r.query().get("all-projects")); // LXD 5.0.2 too: instance_all_projects
        if (!all) {
            m.project(r.project());
        }
        ArrayNode a = J.arr();
        for (SimState.Inst i : m.state.instances.values()) {
            if (all || project(i).equals(r.project())) {
                if (r.recursion() > 0) {
                    a.add(view(i, r.recursion() >= 2));
                } else {
                    a.add(SimModel.url("/1.0/instances", name(i), project(i)));
                }
            }
        }
        return Reply.sync(a);
    }

    /** Devices with the profiles' applied in order, the instance's own last. */
    Map<String, Map<String, String>> expandedDevices(SimState.Inst i) {
        Map<String, Map<String, String>> d = new TreeMap<>();
        for (JsonNode p : i.object.path("profiles")) {
            d.putAll(J.devices(m.projects.profileOf(project(i), p.asText()).path("devices")));
        }
        d.putAll(J.devices(i.object.path("devices")));
        return d;
    }

    Map<String, String> expandedConfig(SimState.Inst i) {
        Map<String, String> c = new TreeMap<>();
        for (JsonNode p : i.object.path("profiles")) {
            c.putAll(SimModel.config(m.projects.profileOf(project(i), p.asText())));
        }
        c.putAll(SimModel.config(i.object));
        return c;
    }

    Map<String, Map<String, String>> nics(SimState.Inst i) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        expandedDevices(i).forEach((dev, keys) -> {
            if ("nic".equals(keys.get("type"))) {
                out.put(dev, keys);
            }
        });
        return out;
    }

    String rootPool(SimState.Inst i) {
        return root(i).get("pool");
    }

    String rootSize(SimState.Inst i) {
        return root(i).getOrDefault("size", "0");
    }

    private Map<String, String> root(SimState.Inst i) {
        return expandedDevices(i).values().stream().filter(d -> "disk".equals(d.get("type"))
                && "/".equals(d.get("path"))).findFirst().orElse(Map.of());
    }

    List<String> volumeUsers(String pool, String volume, String project) {
        List<String> u = new ArrayList<>();
        for (SimState.Inst i : m.state.instances.values()) {
            boolean uses = expandedDevices(i).values().stream().anyMatch(d -> "disk".equals(d.get("type"))
                    && pool.equals(d.get("pool")) && volume.equals(d.get("source")));
            if (uses && (m.hasOwn(project(i), "storage.volumes") ? project(i) : "default").equals(project)) {
                u.add(SimModel.url("/1.0/instances", name(i), project(i)));
            }
        }
        return u;
    }

    long count(String project, String kind) {
        return m.state.instances.values().stream().filter(i -> project(i).equals(project))
                .filter(i -> kind.equals("instances") || (i.object.path("type").asText() + "s").equals(kind))
                .count();
    }

    /** The veth of each NIC of a running instance on {@code member} attached to {@code network}. */
    /** The host side of an instance NIC's veth: a stable name, as {@code host_name} in its state shows it. */
    String veth(SimState.Inst i, String dev) {
        return String.format("veth%08x", (project(i) + "/" + name(i) + "/" + dev).hashCode());
    }

    /** Whether a running instance's NIC {@code dev} on {@code network} is a port of the bridge on its member. */
    boolean inBridge(SimState.Inst i, String dev, String network) {
        SimState.Net n = m.state.networks.get(network);
        return n == null || (!n.missing.contains(i.location)
                && !n.detached.getOrDefault(i.location, List.of()).contains(veth(i, dev)));
    }

    List<String> vethsOn(String member, String network) {
        List<String> out = new ArrayList<>();
        for (SimState.Inst i : m.state.instances.values()) {
            if (member.equals(i.location) && !i.status.equals("Stopped")) {
                nics(i).forEach((dev, nic) -> {
                    SimState.Net n = m.state.networks.get(network);
                    String veth = veth(i, dev);
                    if (network.equals(nic.get("network")) && (n == null
                            || !n.detached.getOrDefault(member, List.of()).contains(veth))) {
                        out.add(veth);
                    }
                });
            }
        }
        return out;
    }

    private Reply create(Req r) {
        String project = r.project();
        ObjectNode p = m.project(project);
        JsonNode b = r.body();
        String name = J.text(b, "name", "");
        String type = J.text(b, "type", "container");
        if (name.isEmpty()) {
            throw SimError.badRequest("No name provided");
        }
        if (!TYPES.contains(type)) {
            throw SimError.badRequest("Invalid instance type \"" + type + "\"");
        }
        if (m.state.instances.containsKey(project + "/" + name)) {
            throw SimError.conflict("Instance \"" + name + "\" already exists");
        }
        SimState.Inst i = new SimState.Inst();
        i.object = J.obj().put("name", name).put("description", J.text(b, "description", "")).put("type", type)
                .put("project", project).put("architecture", "x86_64").put("ephemeral", false)
                .put("stateful", false).put("created_at", "2025-01-01T00:00:00Z");
        List<String> profiles = new ArrayList<>();
        if (b.has("profiles") && b.get("profiles").isArray()) {
            b.get("profiles").forEach(x -> profiles.add(x.asText()));
        } else {
            profiles.add("default");
        }
        for (String prof : profiles) {
            if (!m.state.profiles.getOrDefault(m.projects.profileProject(project), Map.of()).containsKey(prof)) {
                throw SimError.badRequest("Requested profile \"" + prof + "\" doesn't exist");
            }
        }
        i.object.set("profiles", J.arr(profiles));
        i.object.set("config", J.strings(SimModel.config(b)));
        i.object.set("devices", J.devices(J.devices(b.path("devices"))));
        customDisks(i);
        Limits.check(m, p, i);
        String member = r.target() != null ? m.reachable(r.target()).name : placement();
        i.location = member;
        String pool = rootPool(i);
        if (pool != null && m.state.pools.containsKey(pool)) {
            m.storage.reserve(m.state.pools.get(pool), member, Size.parse(rootSize(i)).orElse(0));
        }
        Map<String, String> config = SimModel.config(i.object);
        if (!"none".equals(J.text(b.path("source"), "type", "image"))) {
            String source = J.text(b.path("source"), "alias", J.text(b.path("source"), "fingerprint", "image"));
            config.put("image.description", source);
            config.put("image.os", source);
            config.put("volatile.base_image", String.format("%064x", source.hashCode() & 0xffffffffL));
        }
        config.put("volatile.uuid", String.format("00000000-0000-4000-8000-%012d", Long.parseLong(m.nextSerial())));
        config.put("volatile.last_state.power", "STOPPED");
        for (String dev : nics(i).keySet()) {
            if (!nics(i).get(dev).containsKey("hwaddr")) {
                config.put("volatile." + dev + ".hwaddr", m.nextHwaddr());
            }
        }
        i.object.set("config", J.strings(config));
        m.state.instances.put(project + "/" + name, i);
        m.changed();
        boolean start = b.path("start").asBoolean(false) && !m.lxd();
        return Reply.async("Creating instance", resources(i), member, () -> {
            if (start) {
                start(i);
            }
            return null;
        });
    }

    /**
     * The daemon's rules for disks backed by custom volumes of content type {@code block} or {@code iso}: only a
     * virtual machine may use them, and without a {@code path} ("Custom block volumes cannot be used on
     * containers", "Custom ISO volumes cannot have a path defined", …).
     */
    private void customDisks(SimState.Inst i) {
        String project = m.hasOwn(project(i), "storage.volumes") ? project(i) : "default";
        boolean container = !"virtual-machine".equals(i.object.path("type").asText());
        expandedDevices(i).forEach((dev, d) -> {
            if (!"disk".equals(d.get("type")) || d.get("pool") == null || d.get("source") == null) {
                return;
            }
            JsonNode v = m.state.volumes.get(project + "/" + d.get("pool") + "/" + d.get("source"));
            String content = v == null ? "" : v.path("content_type").asText();
            String what = content.equals("block") ? "Custom block volumes" : content.equals("iso")
                    ? "Custom ISO volumes" : null;
            if (what != null && container) {
                throw SimError.badRequest("Failed add validation for device \"" + dev + "\": " + what
                        + " cannot be used on containers");
            }
            if (what != null && !d.getOrDefault("path", "").isEmpty()) {
                throw SimError.badRequest("Failed add validation for device \"" + dev + "\": " + what
                        + " cannot have a path defined");
            }
        });
    }

    /** The member with the fewest instances among those online (the daemon's default placement). */
    private String placement() {
        Map<String, Integer> load = new LinkedHashMap<>();
        m.state.members.stream().filter(x -> x.status.equals("Online")).forEach(x -> load.put(x.name, 0));
        if (load.isEmpty()) {
            throw SimError.internal("No cluster member is online to place the instance on");
        }
        m.state.instances.values().forEach(i -> load.computeIfPresent(i.location, (k, v) -> v + 1));
        return load.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    static Map<String, List<String>> resources(SimState.Inst i) {
        return Map.of("instances", List.of(SimModel.url("/1.0/instances", name(i), project(i))));
    }

    private Reply update(SimState.Inst i, Req r) {
        m.reachable(i.location);
        JsonNode b = r.body();
        Map<String, String> config = SimModel.config(i.object);
        Map<String, String> given = SimModel.config(b);
        if (r.is("PUT")) {
            config.keySet().removeIf(k -> !k.startsWith("volatile.") && !k.startsWith("image."));
        }
        config.putAll(given);
        Map<String, Map<String, String>> devices = r.is("PUT") ? new TreeMap<>() : J.devices(i.object.path("devices"));
        devices.putAll(J.devices(b.path("devices")));
        ObjectNode before = i.object.deepCopy();
        i.object.set("config", J.strings(config));
        i.object.set("devices", J.devices(devices));
        if (b.has("profiles")) {
            i.object.set("profiles", b.get("profiles"));
        }
        if (b.has("description") || r.is("PUT")) {
            i.object.put("description", J.text(b, "description", ""));
        }
        try {
            i.object.path("profiles").forEach(p -> m.projects.profileOf(project(i), p.asText()));
        } catch (SimError e) {
            i.object = before;
            throw SimError.badRequest("Requested profile doesn't exist");
        }
        try {
            customDisks(i);
        } catch (SimError e) {
            i.object = before;
            throw e;
        }
        m.changed();
        return Reply.async("Updating instance", resources(i), i.location, () -> null);
    }

    private Reply delete(SimState.Inst i) {
        m.reachable(i.location);
        if (!i.status.equals("Stopped")) {
            throw SimError.badRequest("Instance is running");
        }
        if ("true".equals(SimModel.config(i.object).get("security.protection.delete"))) {
            throw SimError.badRequest("Instance is protected");
        }
        return Reply.async("Deleting instance", resources(i), i.location, () -> {
            m.state.instances.remove(project(i) + "/" + name(i));
            m.changed();
            return null;
        });
    }

    private Reply changeState(SimState.Inst i, JsonNode body) {
        String action = J.text(body, "action", "");
        m.reachable(i.location);
        String description = switch (action) {
            case "start" -> "Starting instance";
            case "stop" -> "Stopping instance";
            case "restart" -> "Restarting instance";
            case "freeze" -> "Freezing instance";
            case "unfreeze" -> "Unfreezing instance";
            default -> throw SimError.badRequest("Unknown action " + action);
        };
        return Reply.async(description, resources(i), i.location, () -> {
            switch (action) {
                case "start" -> start(i);
                case "stop" -> {
                    if (i.status.equals("Stopped")) {
                        throw SimError.badRequest("The instance is already stopped");
                    }
                    setStatus(i, "Stopped");
                }
                case "restart" -> {
                    if (i.status.equals("Stopped")) {
                        throw SimError.badRequest("The instance isn't running");
                    }
                }
                case "freeze" -> {
                    if (!i.status.equals("Running")) {
                        throw SimError.badRequest("The instance isn't running");
                    }
                    setStatus(i, "Frozen");
                }
                default -> {
                    if (!i.status.equals("Frozen")) {
                        throw SimError.badRequest("The instance is not frozen");
                    }
                    setStatus(i, "Running");
                }
            }
            return null;
        });
    }

    private void start(SimState.Inst i) {
        if (!i.status.equals("Stopped")) {
            throw SimError.badRequest("The instance is already running");
        }
        Map<String, String> config = SimModel.config(i.object);
        nics(i).forEach((dev, nic) -> {
            String net = nic.get("network");
            if (net != null && m.state.networks.containsKey(net)) {
                String mac = nic.getOrDefault("hwaddr", config.getOrDefault("volatile." + dev + ".hwaddr", ""));
                m.leases.lease(net, mac, nic.get("ipv4.address"));
            }
        });
        setStatus(i, "Running");
    }

    private void setStatus(SimState.Inst i, String status) {
        i.status = status;
        i.pid = status.equals("Stopped") ? 0 : 1000 + Math.abs(name(i).hashCode() % 30000);
        ((ObjectNode) i.object.get("config")).put("volatile.last_state.power", status.toUpperCase());
        m.changed();
    }

    private static int statusCode(String status) {
        return switch (status) {
            case "Running" -> 103;
            case "Frozen" -> 110;
            default -> 102;
        };
    }

    ObjectNode view(SimState.Inst i, boolean withState) {
        ObjectNode o = i.object.deepCopy();
        o.put("status", i.status).put("status_code", statusCode(i.status)).put("location", i.location)
                .put("last_used_at", "2025-01-01T00:00:00Z");
        o.set("expanded_config", J.strings(expandedConfig(i)));
        o.set("expanded_devices", J.devices(expandedDevices(i)));
        if (withState) {
            o.set("state", state(i));
            o.putNull("snapshots");
            o.putNull("backups");
        }
        return o;
    }

    ObjectNode state(SimState.Inst i) {
        ObjectNode s = J.obj().put("status", i.status).put("status_code", statusCode(i.status)).put("pid", i.pid)
                .put("processes", i.status.equals("Stopped") ? 0 : 3);
        if (i.status.equals("Stopped")) {
            s.putNull("network");
            return s;
        }
        ObjectNode net = s.putObject("network");
        ObjectNode lo = net.putObject("lo");
        lo.putArray("addresses").addObject().put("family", "inet").put("address", "127.0.0.1").put("netmask", "8")
                .put("scope", "local");
        lo.put("hwaddr", "").put("mtu", 65536).put("state", "up").put("type", "loopback");
        addresses(i).forEach((dev, address) -> {
            ObjectNode n = net.putObject(dev);
            ArrayNode a = n.putArray("addresses");
            if (address[0] != null) {
                a.addObject().put("family", "inet").put("address", address[0]).put("netmask", address[1])
                        .put("scope", "global");
            }
            m.state.strayLeases.getOrDefault(address[3], List.of()).stream().filter(l -> l.get(0).equals(address[2]))
                    .forEach(l -> a.addObject().put("family", "inet").put("address", l.get(1))
                            .put("netmask", address[1]).put("scope", "global"));
            n.put("hwaddr", address[2]).put("mtu", 1500).put("state", "up").put("type", "broadcast")
                    .put("host_name", veth(i, dev));
        });
        return s;
    }

    /** Per NIC of a running instance: {address or null, prefix, hwaddr, network}. */
    Map<String, String[]> addresses(SimState.Inst i) {
        Map<String, String[]> out = new LinkedHashMap<>();
        Map<String, String> config = SimModel.config(i.object);
        nics(i).forEach((dev, nic) -> {
            String mac = nic.getOrDefault("hwaddr", config.getOrDefault("volatile." + dev + ".hwaddr", ""));
            String net = nic.getOrDefault("network", "");
            String address = m.state.leases.getOrDefault(net, Map.of()).get(mac);
            SimState.Net n = m.state.networks.get(net);
            String prefix = Networks.bridgeAddress(n).map(c -> String.valueOf(c.prefix())).orElse("24");
            out.put(dev, new String[] {address, prefix, mac, net});
        });
        return out;
    }
}
