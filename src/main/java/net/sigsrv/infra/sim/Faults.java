package net.sigsrv.infra.sim;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Faults with the names and arguments of {@code lab/fault}, and what each does to the API: a detached VLAN
 * interface leaves the bridge's {@code upper_devices} (and cross-member pings fail), an address on it shows in its
 * state, a link set down shows {@code state: down}, a stopped member is Offline with "No heartbeat for …" (at once,
 * where the real cluster takes about 20 s), a filled pool reports all its space used. {@code vlan-id} is the
 * simulator's own (the lab's segments are veth pairs, not 802.1q devices): the interface carries another VLAN id,
 * so it no longer shares a segment with the other members. {@code rename-iface} renames an interface as the kernel
 * would (it must be down to be renamed, and stays down; it stays in its bridge; VLAN interfaces on it report the new
 * lower device) and, like {@code lab/fault}, writes the new name into the member's {@code bridge.external_interfaces}
 * where the old one was: any name the kernel accepts, shell syntax included. {@code kill-dhcp} kills one member's
 * dnsmasq for a bridge: {@code nslookup} at the gateway from an instance on that member is refused (a config update
 * of the network restarts it, as on the daemon). {@code del-bridge} deletes a managed
 * bridge's device on one member: the network stays Created, its state there answers 404, its VLAN interface and the
 * running instances' veths on that member are left outside any bridge (pings through it fail), until the daemon sets
 * the bridge up again (a changed config) — which brings back the VLAN interface but not the veths, as on LXD 5.0.2.
 * {@code mtu} gives an interface another MTU and, like a Linux bridge that follows its ports, the bridge it is in on
 * that member too: each member's interface and bridge agree, while a ping larger than the smaller MTU no longer
 * crosses between the members.
 * {@code heal} undoes them all.
 */
final class Faults {

    static final List<String> COMMANDS = List.of("detach-vlan", "add-ip", "link-down", "vlan-id", "rename-iface",
            "kill-dhcp", "del-bridge", "mtu", "stop-member", "start-member", "fill-pool", "steal-vlan", "del-vlan",
            "wrong-address", "heal", "list");
    private final SimModel m;
    private final HeldFaults held;

    Faults(SimModel m) {
        this.m = m;
        this.held = new HeldFaults(m);
    }

    /** Runs one fault command; returns the line {@code lab/fault} would log. */
    String run(String command, List<String> args) {
        return switch (command) {
            case "detach-vlan" -> {
                need(command, args, 2);
                SimState.Iface i = iface(args.get(0), args.get(1));
                if (i.master == null) {
                    throw SimError.badRequest(args.get(0) + ":" + i.name + " is not attached to a bridge (nothing to"
                            + " detach)");
                }
                record(command, args.get(0), i.name, i.master);
                String was = i.master;
                i.master = null;
                yield "fault: " + args.get(0) + ":" + i.name + " detached from bridge " + was;
            }
            case "add-ip" -> {
                need(command, args, 3);
                SimState.Iface i = iface(args.get(0), args.get(1));
                if (!args.get(2).matches("\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}")) {
                    throw SimError.badRequest("'" + args.get(2) + "' is not an address in CIDR form (e.g."
                            + " 10.231.9.5/24)");
                }
                i.addresses.add(args.get(2));
                record(command, args.get(0), i.name, args.get(2));
                yield "fault: " + args.get(0) + ":" + i.name + " has address " + args.get(2);
            }
            case "link-down" -> {
                need(command, args, 2);
                SimState.Iface i = iface(args.get(0), args.get(1));
                i.up = false;
                record(command, args.get(0), i.name);
                yield "fault: " + args.get(0) + ":" + i.name + " is down";
            }
            case "vlan-id" -> {
                need(command, args, 3);
                SimState.Iface i = iface(args.get(0), args.get(1));
                if (!i.type.equals("vlan") || !args.get(2).matches("\\d{1,4}")) {
                    throw SimError.badRequest(i.type.equals("vlan") ? "'" + args.get(2) + "' is not a VLAN id (1-4094)"
                            : args.get(0) + ":" + i.name + " is not a VLAN device");
                }
                record(command, args.get(0), i.name, String.valueOf(i.vid));
                i.vid = Long.parseLong(args.get(2));
                yield "fault: " + args.get(0) + ":" + i.name + " carries VLAN " + i.vid;
            }
            case "mtu" -> {
                need(command, args, 3);
                yield mtu(args.get(0), args.get(1), args.get(2));
            }
            case "rename-iface" -> {
                need(command, args, 3);
                yield rename(args.get(0), args.get(1), args.get(2), true);
            }
            case "kill-dhcp" -> {
                need(command, args, 2);
                SimState.Member mem = m.member(args.get(0));
                SimState.Net n = m.state.networks.get(args.get(1));
                if (n == null || !n.type.equals("bridge") || !n.status.equals("Created")) {
                    throw SimError.badRequest(mem.name + " has no managed network '" + args.get(1) + "'");
                }
                if (n.dhcpDown.contains(mem.name)) {
                    throw SimError.badRequest(mem.name + " has no running dnsmasq for " + n.name
                            + " (nothing to kill)");
                }
                n.dhcpDown.add(mem.name);
                record(command, mem.name, n.name);
                yield "fault: " + mem.name + "'s dnsmasq for " + n.name + " killed; DNS at the gateway is refused on "
                        + mem.name + ", its DHCP comes only from other members";
            }
            case "del-bridge" -> {
                need(command, args, 2);
                yield deleteBridge(m.member(args.get(0)), args.get(1));
            }
            case "stop-member" -> {
                need(command, args, 1);
                SimState.Member mem = m.member(args.get(0));
                mem.status = "Offline";
                mem.message = "No heartbeat for 20.5s (" + ZonedDateTime.now(ZoneOffset.UTC).format(
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS +0000 'UTC'")) + ")";
                record(command, mem.name);
                yield "fault: " + mem.name + " stopped";
            }
            case "start-member" -> {
                need(command, args, 1);
                startMember(m.member(args.get(0)));
                m.state.faults.removeIf(f -> f.get(0).equals("stop-member") && f.get(1).equals(args.get(0)));
                yield args.get(0) + " is Online";
            }
            case "fill-pool" -> {
                need(command, args, 2);
                SimState.Member mem = m.member(args.get(0));
                SimState.Pool p = m.storage.pool(args.get(1));
                if (!p.full.contains(mem.name)) {
                    p.full.add(mem.name);
                }
                record(command, mem.name, p.name);
                yield "fault: pool " + p.name + " on " + mem.name + " is full";
            }
            case "steal-vlan" -> {
                need(command, args, 2);
                yield held.stealVlan(args.get(0), args.get(1), m.state.faults);
            }
            case "del-vlan" -> {
                need(command, args, 2);
                yield held.delVlan(args.get(0), args.get(1), m.state.faults);
            }
            case "wrong-address" -> {
                need(command, args, 1);
                yield held.wrongAddress(args.get(0), m.state.faults);
            }
            case "heal" -> heal();
            case "list" -> String.join("\n", m.state.faults.stream().map(f -> String.join("\t", f)).toList());
            default -> throw SimError.badRequest("unknown fault '" + command + "'; one of: "
                    + String.join(", ", COMMANDS));
        };
    }

    private String heal() {
        List<List<String>> faults = new ArrayList<>(m.state.faults);
        for (int n = faults.size() - 1; n >= 0; n--) {
            List<String> f = faults.get(n);
            SimState.Member mem = m.state.members.stream().filter(x -> x.name.equals(f.get(1))).findFirst()
                    .orElse(null);
            if (mem == null) {
                continue;
            }
            switch (f.get(0)) {
                case "detach-vlan" -> mem.ifaces.get(f.get(2)).master = f.get(3);
                case "add-ip" -> mem.ifaces.get(f.get(2)).addresses.remove(f.get(3));
                case "link-down" -> mem.ifaces.get(f.get(2)).up = true;
                case "vlan-id" -> mem.ifaces.get(f.get(2)).vid = Long.parseLong(f.get(3));
                case "mtu" -> {
                    if (mem.ifaces.containsKey(f.get(2))) {
                        mem.ifaces.get(f.get(2)).mtu = Integer.parseInt(f.get(3));
                    }
                    if (!f.get(4).isEmpty() && f.get(5).isEmpty()) {
                        mem.bridgeMtu.remove(f.get(4));
                    } else if (!f.get(4).isEmpty()) {
                        mem.bridgeMtu.put(f.get(4), Integer.parseInt(f.get(5)));
                    }
                }
                case "rename-iface" -> {
                    try {
                        rename(mem.name, f.get(3), f.get(2), false);
                    } catch (SimError gone) {
                        continue; // renamed again or removed since: nothing of this fault is left to undo
                    }
                    if (mem.ifaces.containsKey(f.get(2))) {
                        mem.ifaces.get(f.get(2)).up = Boolean.parseBoolean(f.get(4));
                    }
                }
                case "kill-dhcp" -> {
                    SimState.Net net = m.state.networks.get(f.get(2));
                    if (net != null) {
                        net.dhcpDown.remove(mem.name); // restarted through a config update, as lab/fault heal does
                    }
                }
                case "del-bridge" -> {
                    SimState.Net net = m.state.networks.get(f.get(2));
                    if (net != null) {
                        net.missing.remove(mem.name);
                        net.detached.remove(mem.name);
                        for (String port : f.get(3).isEmpty() ? List.<String>of() : List.of(f.get(3).split(","))) {
                            SimState.Iface i = mem.ifaces.get(port);
                            if (i != null && i.master == null) {
                                i.master = net.name;
                            }
                        }
                    }
                }
                case "stop-member" -> startMember(mem);
                case "fill-pool" -> {
                    SimState.Pool p = m.state.pools.get(f.get(2));
                    if (p != null) {
                        p.full.remove(mem.name);
                    }
                }
                default -> held.heal(f, mem);
            }
        }
        m.state.faults.clear();
        m.changed();
        return "healed " + faults.size() + " fault" + (faults.size() == 1 ? "" : "s");
    }

    /** {@code mtu HOST IFACE MTU}: the interface and the bridge it is in on HOST take MTU (68-65535). */
    private String mtu(String member, String name, String mtu) {
        SimState.Member mem = m.member(member);
        SimState.Iface i = iface(member, name);
        if (!mtu.matches("\\d{2,5}") || Integer.parseInt(mtu) < 68 || Integer.parseInt(mtu) > 65535) {
            throw SimError.badRequest("'" + mtu + "' is not an MTU (68-65535)");
        }
        Integer bridgeWas = i.master == null ? null : mem.bridgeMtu.get(i.master);
        record("mtu", member, i.name, String.valueOf(i.mtu), i.master == null ? "" : i.master,
                bridgeWas == null ? "" : String.valueOf(bridgeWas));
        i.mtu = Integer.parseInt(mtu);
        if (i.master != null) {
            mem.bridgeMtu.put(i.master, i.mtu);
        }
        return "fault: " + member + ":" + i.name + " has MTU " + mtu + (i.master == null ? ""
                : ", and so has bridge " + i.master + " on " + member);
    }

    /**
     * Deletes the device of managed bridge {@code bridge} on {@code mem}, recording the VLAN interfaces it held so
     * {@code heal} can put them back.
     */
    private String deleteBridge(SimState.Member mem, String bridge) {
        SimState.Net n = m.state.networks.get(bridge);
        if (n == null) {
            throw SimError.badRequest("'" + bridge + "' is not a managed network of the cluster");
        }
        if (!n.status.equals("Created") || n.missing.contains(mem.name)) {
            throw SimError.badRequest(mem.name + " has no bridge device '" + bridge + "'");
        }
        List<String> ports = mem.ifaces.values().stream().filter(i -> bridge.equals(i.master)).map(i -> i.name)
                .toList();
        List<String> veths = m.instances.vethsOn(mem.name, bridge);
        ports.forEach(p -> mem.ifaces.get(p).master = null);
        n.detached.put(mem.name, new ArrayList<>(veths));
        n.missing.add(mem.name);
        record("del-bridge", mem.name, bridge, String.join(",", ports));
        List<String> taken = new ArrayList<>(ports);
        taken.addAll(veths);
        return "fault: bridge " + bridge + " deleted on " + mem.name + " (it held: " + (taken.isEmpty() ? "nothing"
                : String.join(",", taken)) + "); the network stays Created";
    }

    /** A restarted member is Online again and re-attaches its bridges' external interfaces (as LXD does). */
    private void startMember(SimState.Member mem) {
        mem.status = "Online";
        mem.message = "Fully operational";
        for (SimState.Net n : m.state.networks.values()) {
            if (n.status.equals("Created")) {
                n.missing.remove(mem.name); // starting, the daemon sets up each of its bridges
                for (String iface : Networks.externals(n, mem.name)) {
                    SimState.Iface i = mem.ifaces.get(iface);
                    if (i != null && i.addresses.isEmpty()) {
                        i.master = n.name;
                    }
                }
            }
        }
        m.changed();
    }

    /**
     * Renames {@code from} to {@code to} on {@code member}: the interface (set down, as the kernel requires), the
     * lower device of VLAN interfaces on it, and its name in the member's bridge configs. A name that is only a
     * lower device (the simulator does not model {@code eth1}) is renamed there alone.
     */
    private String rename(String member, String from, String to, boolean record) {
        SimState.Member mem = m.member(member);
        boolean lower = mem.ifaces.values().stream().anyMatch(i -> from.equals(i.lower));
        if (!mem.ifaces.containsKey(from) && !lower) {
            throw SimError.badRequest(member + " has no interface '" + from + "'");
        }
        String why = kernelName(to);
        if (!why.isEmpty()) {
            throw SimError.badRequest(why);
        }
        if (mem.ifaces.containsKey(to) || mem.ifaces.values().stream().anyMatch(i -> to.equals(i.lower))) {
            throw SimError.badRequest(member + " already has an interface '" + to + "'");
        }
        SimState.Iface renamed = mem.ifaces.get(from);
        if (record) {
            record("rename-iface", member, from, to, String.valueOf(renamed != null && renamed.up));
        }
        if (renamed != null) {
            java.util.Map<String, SimState.Iface> ifaces = new java.util.LinkedHashMap<>();
            mem.ifaces.forEach((k, v) -> ifaces.put(k.equals(from) ? to : k, v));
            renamed.name = to;
            renamed.up = false;
            mem.ifaces.clear();
            mem.ifaces.putAll(ifaces);
        }
        mem.ifaces.values().stream().filter(i -> from.equals(i.lower)).forEach(i -> i.lower = to);
        for (SimState.Net n : m.state.networks.values()) {
            java.util.Map<String, String> config = n.memberConfig.get(member);
            List<String> externals = Networks.externals(n, member);
            if (config != null && externals.contains(from)) {
                config.put("bridge.external_interfaces", String.join(",", externals.stream()
                        .map(e -> e.equals(from) ? to : e).toList()));
            }
        }
        m.changed();
        return "fault: " + member + ":" + from + " renamed " + to + (renamed != null ? " (down)" : "");
    }

    /** Why the kernel would refuse {@code name} for an interface (its dev_valid_name), or "". */
    private static String kernelName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..")
                || name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 15
                || name.chars().anyMatch(c -> c == '/' || c == ':' || " \t\n\u000b\f\r".indexOf(c) >= 0)) {
            return "'" + name + "' is not an interface name the kernel accepts (1-15 bytes, not . or .., no '/', ':'"
                    + " or whitespace)";
        }
        return "";
    }

    private SimState.Iface iface(String member, String name) {
        SimState.Member mem = m.member(member);
        SimState.Iface i = mem.ifaces.get(name);
        if (i == null) {
            throw SimError.badRequest(member + " has no interface '" + name + "'");
        }
        return i;
    }

    private void record(String... fields) {
        m.state.faults.add(List.of(fields));
        m.changed();
    }

    private static void need(String command, List<String> args, int n) {
        if (args.size() != n) {
            throw SimError.badRequest(command + " takes " + n + " argument(s) (see lab/fault --help)");
        }
    }
}
