package net.sigsrv.infra.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The faults of {@code lab/fault} that take something away from the lab's bridges without the daemon noticing:
 * {@code steal-vlan} (a bridge {@code rogue0} that is not a network of the daemon takes a member's VLAN interface,
 * as {@code ip link set dev IFACE master rogue0} would), {@code wrong-address} (an instance whose NIC reserves an
 * address also holds a dynamic lease from another member's DHCP server, which does not know the reservation), and
 * the simulator's own {@code del-vlan} (a member's VLAN interface is deleted; the lab's segments are veth pairs,
 * and deleting one end deletes both). Each records what {@link #heal} needs to undo it.
 */
final class HeldFaults {

    static final String ROGUE = "rogue0";
    private final SimModel m;

    HeldFaults(SimModel m) {
        this.m = m;
    }

    /** Returns the fault record (after the command name) and the line {@code lab/fault} would log. */
    String stealVlan(String member, String name, List<List<String>> faults) {
        SimState.Member mem = m.member(member);
        SimState.Iface i = iface(mem, name);
        if (mem.ifaces.containsKey(ROGUE)) {
            throw SimError.badRequest(member + " already has an interface '" + ROGUE + "'");
        }
        SimState.Iface rogue = new SimState.Iface();
        rogue.name = ROGUE;
        rogue.type = "bridge";
        rogue.hwaddr = i.hwaddr;
        mem.ifaces.put(ROGUE, rogue);
        faults.add(List.of("steal-vlan", member, name, ROGUE, i.master == null ? "" : i.master));
        String was = i.master;
        i.master = ROGUE;
        m.changed();
        return "fault: " + member + ":" + name + " is attached to bridge " + ROGUE + (was == null ? ""
                : " (was in " + was + ")");
    }

    String delVlan(String member, String name, List<List<String>> faults) {
        SimState.Member mem = m.member(member);
        SimState.Iface i = iface(mem, name);
        if (!i.type.equals("vlan")) {
            throw SimError.badRequest(member + ":" + name + " is not a VLAN device");
        }
        faults.add(List.of("del-vlan", member, name, String.valueOf(i.vid), i.lower, String.valueOf(i.mtu),
                i.hwaddr == null ? "" : i.hwaddr, i.master == null ? "" : i.master));
        mem.ifaces.remove(name);
        m.changed();
        return "fault: " + member + ":" + name + " deleted";
    }

    String wrongAddress(String ref, List<List<String>> faults) {
        String project = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : "default";
        String name = ref.substring(ref.indexOf('/') + 1);
        SimState.Inst inst = m.state.instances.get(project + "/" + name);
        if (inst == null || !inst.status.equals("Running")) {
            throw SimError.badRequest(inst == null ? "no instance " + ref : ref + " is not running");
        }
        for (Map.Entry<String, String[]> a : m.instances.addresses(inst).entrySet()) {
            String net = a.getValue()[3];
            String reserved = m.instances.nics(inst).get(a.getKey()).getOrDefault("ipv4.address", "");
            if (reserved.isEmpty() || !m.state.networks.containsKey(net)) {
                continue;
            }
            String mac = a.getValue()[2];
            String other = m.state.members.stream().map(x -> x.name).filter(x -> !x.equals(inst.location))
                    .findFirst().orElseThrow(() -> SimError.badRequest("no other member to lease from"));
            String address = m.leases.lease(net, "stray/" + other + "/" + mac, null);
            m.state.strayLeases.computeIfAbsent(net, k -> new ArrayList<>()).add(List.of(mac, address, other));
            faults.add(List.of("wrong-address", inst.location, project + "/" + name, net, mac, address, other));
            m.changed();
            return "fault: " + ref + " on " + inst.location + " holds " + address + " (a lease of " + other
                    + "'s dnsmasq of " + net + ") besides its reserved " + reserved;
        }
        throw SimError.badRequest(ref + " has no NIC that reserves an address (ipv4.address)");
    }

    /** Undoes one recorded fault of this class; false when {@code f} is not one. */
    boolean heal(List<String> f, SimState.Member mem) {
        switch (f.get(0)) {
            case "steal-vlan" -> {
                SimState.Iface i = mem.ifaces.get(f.get(2));
                if (i != null && ROGUE.equals(i.master)) {
                    i.master = f.get(4).isEmpty() ? null : f.get(4);
                }
                mem.ifaces.remove(f.get(3));
            }
            case "del-vlan" -> {
                if (!mem.ifaces.containsKey(f.get(2))) {
                    SimState.Iface i = new SimState.Iface();
                    i.name = f.get(2);
                    i.vid = Long.parseLong(f.get(3));
                    i.lower = f.get(4);
                    i.mtu = Integer.parseInt(f.get(5));
                    i.hwaddr = f.get(6).isEmpty() ? null : f.get(6);
                    i.master = f.get(7).isEmpty() ? null : f.get(7);
                    mem.ifaces.put(i.name, i);
                }
            }
            case "wrong-address" -> {
                List<List<String>> stray = m.state.strayLeases.getOrDefault(f.get(3), new ArrayList<>());
                stray.removeIf(l -> l.get(0).equals(f.get(4)) && l.get(1).equals(f.get(5)));
                m.state.leases.getOrDefault(f.get(3), new java.util.TreeMap<>()).remove("stray/" + f.get(6) + "/"
                        + f.get(4));
            }
            default -> {
                return false;
            }
        }
        m.changed();
        return true;
    }

    private static SimState.Iface iface(SimState.Member mem, String name) {
        SimState.Iface i = mem.ifaces.get(name);
        if (i == null) {
            throw SimError.badRequest(mem.name + " has no interface '" + name + "'");
        }
        return i;
    }
}
