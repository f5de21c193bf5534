package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.sigsrv.infra.values.Ipv4;

/**
 * Managed bridges with the cluster's two-step creation (per member with {@code ?target=} and member-specific keys
 * only → Pending; then globally → Created, attaching each member's {@code bridge.external_interfaces}), the state
 * of bridges and host interfaces per member, DHCP leases, and — through {@link ZonesAndAcls} — zones and ACLs.
 */
final class Networks {

    /** Keys only a member has (LXD 5.0.2 and Incus agree on these for bridges). */
    static final Set<String> MEMBER_KEYS = Set.of("bridge.external_interfaces", "parent", "bgp.ipv4.nexthop",
            "bgp.ipv6.nexthop");
    private final SimModel m;
    private final ZonesAndAcls zonesAndAcls;

    Networks(SimModel m) {
        this.m = m;
        this.zonesAndAcls = new ZonesAndAcls(m);
    }

    Reply handle(Req r) {
        if (!r.seg(0).equals("networks")) {
            return zonesAndAcls.handle(r);
        }
        if (r.depth() == 1) {
            return r.is("POST") ? create(r) : list(r);
        }
        String name = r.seg(1);
        if (r.depth() == 3) {
            return switch (r.seg(2)) {
                case "state" -> Reply.sync(state(name, r.target() == null ? firstOnline().name : r.target()));
                case "leases" -> Reply.sync(m.leases.list(network(name), r.project()));
                default -> throw SimError.notFound("Page");
            };
        }
        SimState.Net n = m.state.networks.get(name);
        if (n == null) {
            SimState.Member host = r.target() == null ? firstOnline() : m.member(r.target());
            if (r.is("GET") && host.ifaces.containsKey(name)) {
                return Reply.sync(unmanaged(name, host.ifaces.get(name).type));
            }
            throw SimError.notFound("Network");
        }
        switch (r.method()) {
            case "GET" -> {
                return Reply.sync(view(n, r.target()));
            }
            case "PUT", "PATCH" -> {
                update(n, r);
                return Reply.ok();
            }
            case "DELETE" -> {
                if (!usedBy(n.name).isEmpty()) {
                    throw SimError.badRequest("The network is currently in use");
                }
                m.state.members.forEach(mem -> mem.ifaces.values().forEach(i -> {
                    if (n.name.equals(i.master)) {
                        i.master = null;
                    }
                }));
                m.state.networks.remove(n.name);
                m.state.leases.remove(n.name);
                m.changed();
                return Reply.ok();
            }
            default -> throw SimError.badRequest("method not allowed");
        }
    }

    SimState.Net network(String name) {
        SimState.Net n = m.state.networks.get(name);
        if (n == null) {
            throw SimError.notFound("Network");
        }
        return n;
    }

    SimState.Member firstOnline() {
        return m.state.members.stream().filter(x -> x.status.equals("Online")).findFirst()
                .orElse(m.state.members.getFirst());
    }

    private Reply list(Req r) {
        ArrayNode a = J.arr();
        for (SimState.Net n : m.state.networks.values()) {
            a.add(r.recursion() > 0 ? view(n, r.target()) : J.obj().textNode(SimModel.url("/1.0/networks", n.name,
                    r.project())));
        }
        SimState.Member host = r.target() == null ? firstOnline() : m.member(r.target());
        for (SimState.Iface i : host.ifaces.values()) {
            a.add(r.recursion() > 0 ? unmanaged(i.name, i.type) : J.obj().textNode("/1.0/networks/" + i.name));
        }
        return Reply.sync(a);
    }

    private static ObjectNode unmanaged(String name, String type) {
        ObjectNode o = J.obj().put("name", name).put("description", "").put("type",
                type.equals("vlan") || type.equals("bridge") ? type : "physical").put("managed", false).put("status", "");
        o.putObject("config");
        o.putNull("locations");
        o.set("used_by", J.arr());
        return o;
    }

    private ObjectNode view(SimState.Net n, String target) {
        Map<String, String> config = new TreeMap<>(n.config);
        if (target != null) {
            m.member(target);
            config.putAll(n.memberConfig.getOrDefault(target, Map.of()));
        }
        ObjectNode o = J.obj().put("name", n.name).put("description", n.description).put("type", n.type)
                .put("managed", true).put("status", n.status);
        o.set("config", J.strings(config));
        o.set("locations", J.arr(n.memberConfig.keySet()));
        o.set("used_by", J.arr(usedBy(n.name)));
        return o;
    }

    private Reply create(Req r) {
        String name = J.text(r.body(), "name", "");
        String type = J.text(r.body(), "type", "bridge");
        if (name.isEmpty()) {
            throw SimError.badRequest("No name provided");
        }
        if (!type.equals("bridge")) {
            throw SimError.badRequest("Network type \"" + type + "\" is not supported by the simulator");
        }
        Map<String, String> config = SimModel.config(r.body());
        SimState.Net n = m.state.networks.get(name);
        if (r.target() != null) {
            for (String k : config.keySet()) {
                if (!MEMBER_KEYS.contains(k)) {
                    throw SimError.badRequest("Config key \"" + k + "\" may not be used as member-specific key");
                }
            }
            m.member(r.target());
            if (n != null && n.memberConfig.containsKey(r.target())) {
                throw SimError.badRequest("The network is already defined on member \"" + r.target() + "\"");
            }
            if (n == null) {
                n = new SimState.Net();
                n.name = name;
                n.type = type;
                m.state.networks.put(name, n);
            }
            n.memberConfig.put(r.target(), config);
            m.changed();
            return Reply.ok();
        }
        for (String k : config.keySet()) {
            if (MEMBER_KEYS.contains(k)) {
                throw SimError.internal("Config key \"" + k + "\" is cluster member specific");
            }
        }
        if (n != null && n.status.equals("Created")) {
            throw SimError.conflict("The network already exists");
        }
        List<String> missing = new ArrayList<>();
        for (SimState.Member mem : m.state.members) {
            if (n != null && !n.memberConfig.containsKey(mem.name)) {
                missing.add(mem.name);
            }
        }
        if (!missing.isEmpty()) {
            throw SimError.internal("Network not defined on nodes: " + String.join(", ", missing));
        }
        for (SimState.Member mem : m.state.members) {
            m.reachable(mem.name);
        }
        validateAddress(config.get("ipv4.address"));
        if (n != null) {
            n.memberConfig.values().forEach(mc -> validateExternals(name, mc));
        }
        SimState.Net created = n == null ? new SimState.Net() : n;
        created.name = name;
        for (SimState.Member mem : m.state.members) {
            created.memberConfig.putIfAbsent(mem.name, new TreeMap<>());
            for (String iface : externals(created, mem.name)) {
                SimState.Iface i = mem.ifaces.get(iface);
                if (i != null && !i.addresses.isEmpty()) {
                    throw SimError.internal("Failed to create network \"" + name + "\" on member \"" + mem.name
                            + "\": Only unconfigured network interfaces can be bridged");
                }
            }
        }
        if (!config.containsKey("ipv4.address")) {
            int third = (name.hashCode() & 0x7f) + 100;
            config.put("ipv4.address", "10." + (m.state.networks.size() % 200 + 10) + "." + third + ".1/24");
            config.putIfAbsent("ipv4.nat", "true");
        }
        if (!config.containsKey("ipv6.address")) {
            config.put("ipv6.address", String.format("fd42:%04x:%04x::1/64", name.hashCode() & 0xffff,
                    (name.hashCode() >>> 16) & 0xffff));
            config.putIfAbsent("ipv6.nat", "true");
        }
        created.description = J.text(r.body(), "description", "");
        created.config = new TreeMap<>(config);
        created.status = "Created";
        m.state.networks.put(name, created);
        for (SimState.Member mem : m.state.members) {
            attach(created, mem);
        }
        m.changed();
        return Reply.ok();
    }

    /**
     * A bridge's {@code ipv4.address} ({@code 10.20.0.1/24}: its own address, the gateway, with the prefix), when
     * it has one a bridge can hold (/30 or wider); empty for none, {@code auto} or a network that is null.
     */
    static Optional<Ipv4.Cidr> bridgeAddress(SimState.Net n) {
        return n == null ? Optional.empty() : bridgeAddress(n.config.getOrDefault("ipv4.address", ""));
    }

    static Optional<Ipv4.Cidr> bridgeAddress(String text) {
        return Ipv4.parseCidr(text).filter(c -> c.prefix() <= 30);
    }

    /** The bridge's gateway address ({@code 10.20.0.1}), if it has one. */
    static Optional<String> gateway(SimState.Net n) {
        return bridgeAddress(n).map(c -> Ipv4.format(c.address()));
    }

    private static void validateAddress(String cidr) {
        if (cidr != null && !cidr.equals("none") && !cidr.equals("auto") && bridgeAddress(cidr).isEmpty()) {
            throw SimError.badRequest("Invalid value for network \"ipv4.address\" option: Not an IPv4 CIDR: "
                    + cidr);
        }
    }

    /**
     * The daemon's check of {@code bridge.external_interfaces} (LXD 5.0.2's {@code IsInterfaceName}, checked on the
     * lab): each name 2–15 characters of {@code [-_a-zA-Z0-9.]}. It runs when a network is created globally and when
     * a member's config is updated; a per-member pending create stores any value, as the daemon does.
     */
    private static void validateExternals(String network, Map<String, String> memberConfig) {
        String v = memberConfig.getOrDefault("bridge.external_interfaces", "");
        // each name is trimmed first, as LXD 5.0.2 does ("user0 " is user0: checked on the lab)
        for (String name : v.isBlank() ? List.<String>of() : List.of(v.strip().split("\\s*,\\s*"))) {
            String why = name.length() < 2 ? "Network interface is too short (minimum 2 characters)"
                    : name.length() > 15 ? "Network interface is too long (maximum 15 characters)"
                    : !name.matches("[-_a-zA-Z0-9.]+") ? "Network interface contains invalid characters" : "";
            if (!why.isEmpty()) {
                throw SimError.badRequest("Invalid value for network \"" + network + "\" option"
                        + " \"bridge.external_interfaces\": Invalid interface name \"" + name + "\": " + why);
            }
        }
    }

    /** The external interfaces named for {@code member} (missing ones are skipped with a warning, like the daemon). */
    static List<String> externals(SimState.Net n, String member) {
        String v = n.memberConfig.getOrDefault(member, Map.of()).getOrDefault("bridge.external_interfaces", "");
        return v.isBlank() ? List.of() : List.of(v.strip().split("\\s*,\\s*"));
    }

    private static void attach(SimState.Net n, SimState.Member mem) {
        for (String iface : externals(n, mem.name)) {
            SimState.Iface i = mem.ifaces.get(iface);
            if (i != null && i.addresses.isEmpty()) {
                i.master = n.name;
            }
        }
    }

    private void update(SimState.Net n, Req r) {
        Map<String, String> body = SimModel.config(r.body());
        if (r.target() != null) {
            m.member(r.target());
            for (String k : body.keySet()) {
                if (!MEMBER_KEYS.contains(k)) {
                    throw SimError.badRequest("Config key \"" + k + "\" may not be used as member-specific key");
                }
            }
            Map<String, String> mine = new TreeMap<>(r.is("PATCH") ? n.memberConfig.getOrDefault(r.target(),
                    Map.of()) : Map.of());
            mine.putAll(body);
            validateExternals(n.name, mine);
            SimState.Member mem = m.member(r.target());
            mem.ifaces.values().forEach(i -> {
                if (n.name.equals(i.master)) {
                    i.master = null;
                }
            });
            boolean changed = !mine.equals(n.memberConfig.getOrDefault(r.target(), Map.of()));
            n.memberConfig.put(r.target(), mine);
            if (changed) {
                setUpAgain(n, mem.name); // a changed config makes the member set its bridge up (LXD's setup)
            }
            if (n.status.equals("Created")) {
                attach(n, mem);
            }
        } else {
            Map<String, String> global = new TreeMap<>(r.is("PATCH") ? n.config : Map.of());
            body.forEach((k, v) -> {
                if (!MEMBER_KEYS.contains(k)) {
                    global.put(k, v);
                }
            });
            validateAddress(global.get("ipv4.address"));
            if (restartsDnsmasq(n.config, global)) {
                // a changed config (user.* keys do not count, as on LXD 5.0.2) makes every member restart the
                // bridge's dnsmasq and set a missing bridge up again
                n.dhcpDown.clear();
                new ArrayList<>(n.missing).forEach(member -> {
                    setUpAgain(n, member);
                    if (n.status.equals("Created")) {
                        attach(n, m.member(member));
                    }
                });
            }
            n.config = global;
            if (r.body().has("description") || r.is("PUT")) {
                n.description = J.text(r.body(), "description", "");
            }
        }
        m.changed();
    }

    /**
     * Whether a global config change makes the daemon restart the bridge's dnsmasq on every member: a change of any
     * key but {@code user.*} ones (a PUT of the same config, or of a user key only, restarts nothing: checked on LXD
     * 5.0.2).
     */
    static boolean restartsDnsmasq(Map<String, String> before, Map<String, String> after) {
        java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        return keys.stream().filter(k -> !k.startsWith("user.")).anyMatch(k -> !java.util.Objects.equals(
                before.get(k), after.get(k)));
    }

    /**
     * The member sets the bridge up again: a missing device is created, with the member's external interfaces; the
     * veths of running instances left outside it stay outside (the daemon does not put them back, checked on LXD
     * 5.0.2).
     */
    private static void setUpAgain(SimState.Net n, String member) {
        n.missing.remove(member);
    }

    List<String> usedBy(String network) {
        Map<String, List<String>> all = m.memo("network-users", this::users);
        return all.getOrDefault(network, List.of());
    }

    /** Network → profiles and instances with a NIC on it, in one pass over the state. */
    private Map<String, List<String>> users() {
        Map<String, List<String>> u = new TreeMap<>();
        m.state.profiles.forEach((project, profiles) -> profiles.forEach((name, p) -> networksOf(p.path("devices"))
                .forEach(n -> u.computeIfAbsent(n, k -> new ArrayList<>()).add(SimModel.url("/1.0/profiles", name,
                        project)))));
        m.state.instances.values().forEach(i -> networksOf(i.object.path("devices")).forEach(n ->
                u.computeIfAbsent(n, k -> new ArrayList<>()).add(SimModel.url("/1.0/instances",
                        i.object.path("name").asText(), i.object.path("project").asText()))));
        return u;
    }

    private static Set<String> networksOf(JsonNode devices) {
        Set<String> out = new TreeSet<>();
        for (JsonNode d : devices) {
            if ("nic".equals(d.path("type").asText()) && d.has("network")) {
                out.add(d.path("network").asText());
            }
        }
        return out;
    }

    /** {@code GET /1.0/networks/NAME/state?target=MEMBER}: a managed bridge, or a host interface of the member. */
    ObjectNode state(String name, String member) {
        SimState.Member mem = m.reachable(member);
        SimState.Net n = m.state.networks.get(name);
        ObjectNode o = J.obj();
        ArrayNode addresses = o.putArray("addresses");
        if (n != null && n.status.equals("Created") && n.missing.contains(mem.name)) {
            // the device is gone while the network is Created: LXD 5.0.2 answers so (checked on the lab)
            throw SimError.notFound("Network interface \"" + name + "\"");
        }
        if (n != null && n.status.equals("Created")) {
            bridgeAddress(n).ifPresent(net -> addresses.add(address(Ipv4.format(net.address()),
                    String.valueOf(net.prefix()))));
            o.put("hwaddr", String.format("00:16:3e:%02x:%02x:%02x", name.hashCode() & 0xff,
                    (name.hashCode() >> 8) & 0xff, m.state.members.indexOf(mem) & 0xff));
            o.put("mtu", bridgeMtu(n, mem)).put("state", "up")
                    .put("type", "broadcast");
            ObjectNode bridge = o.putObject("bridge");
            bridge.put("id", "8000." + o.path("hwaddr").asText().replace(":", "")).put("stp", false)
                    .put("forward_delay", 1500).put("vlan_default", 1).put("vlan_filtering", false);
            Set<String> upper = new TreeSet<>();
            mem.ifaces.values().stream().filter(i -> name.equals(i.master)).forEach(i -> upper.add(i.name));
            upper.addAll(m.instances.vethsOn(mem.name, name));
            bridge.set("upper_devices", J.arr(upper));
            o.putNull("vlan");
            return o;
        }
        SimState.Iface i = mem.ifaces.get(name);
        if (i == null) {
            throw SimError.notFound("Network interface \"" + name + "\"");
        }
        for (String cidr : i.addresses) {
            String[] parts = cidr.split("/");
            addresses.add(address(parts[0], parts[1]));
        }
        o.put("hwaddr", i.hwaddr).put("mtu", i.mtu).put("state", i.up ? "up" : "down").put("type", "broadcast");
        if (i.type.equals("bridge")) { // a bridge that is not a network of the daemon (lab/fault steal-vlan)
            ObjectNode bridge = o.putObject("bridge");
            bridge.put("id", "8000." + String.valueOf(i.hwaddr).replace(":", "")).put("stp", false)
                    .put("forward_delay", 1500).put("vlan_default", 1).put("vlan_filtering", false);
            bridge.set("upper_devices", J.arr(new TreeSet<>(mem.ifaces.values().stream()
                    .filter(x -> name.equals(x.master)).map(x -> x.name).toList())));
        } else {
            o.putNull("bridge");
        }
        if (i.type.equals("vlan")) {
            o.putObject("vlan").put("lower_device", i.lower).put("vid", i.vid);
        } else {
            o.putNull("vlan");
        }
        return o;
    }

    /** The MTU of bridge {@code n}'s device on {@code mem}: its bridge.mtu (1500) unless the mtu fault changed it. */
    static int bridgeMtu(SimState.Net n, SimState.Member mem) {
        return mem.bridgeMtu.getOrDefault(n.name, Integer.parseInt(n.config.getOrDefault("bridge.mtu", "1500")));
    }

    private static ObjectNode address(String address, String netmask) {
        return J.obj().put("family", "inet").put("address", address).put("netmask", netmask).put("scope", "global");
    }
}
