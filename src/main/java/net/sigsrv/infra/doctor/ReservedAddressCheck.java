package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.NetworkLease;
import net.sigsrv.infra.incus.api.NetworkState;

/**
 * A running instance whose NIC reserves an address ({@code ipv4.address}, what the spec's {@code ipv4:} on a NIC
 * becomes) holds that address and no other. On a bridge shared by members every member's dnsmasq answers DHCP, and
 * only the instance's own member knows the reservation: the instance can take (or add) a lease from another member
 * and then names, records and certificates made from the reservation point at an address it does not answer on.
 * Each other address is traced to the lease that gave it ({@code GET /1.0/networks/NAME/leases}, whose entries name
 * the member whose dnsmasq handed them out), read only for bridges where an instance holds another address.
 */
final class ReservedAddressCheck {

    private ReservedAddressCheck() {
    }

    static List<Finding> run(LeaseReads leases, LabView lab) {
        List<Finding> out = new ArrayList<>();
        for (Instance i : lab.instances().get().orElse(List.of())) {
            if (!i.isRunning() || Doctor.PROBE_PROJECT.equals(i.project())) {
                continue;
            }
            String who = i.project().equals("default") ? i.name() : i.project() + "/" + i.name();
            for (Map.Entry<String, Map<String, String>> d : i.expandedDevices().entrySet()) {
                Map<String, String> dev = d.getValue();
                String reserved = dev.getOrDefault("ipv4.address", "");
                String net = dev.getOrDefault("network", "");
                if (!"nic".equals(dev.get("type")) || reserved.isEmpty() || net.isEmpty()) {
                    continue;
                }
                String iface = dev.getOrDefault("name", d.getKey());
                List<NetworkState.Address> held = held(i, iface);
                Finding.Builder f = Finding.of(Check.INSTANCE_ADDRESS, i.location(), who + ":" + d.getKey())
                        .network(net).evidence(who + " device " + d.getKey() + " on " + net + " reserves "
                                + reserved + "; " + iface + " holds " + (held.isEmpty() ? "no IPv4 address"
                                : String.join(", ", held.stream().map(a -> a.address() + "/" + a.netmask())
                                        .toList())));
                List<NetworkState.Address> others = held.stream().filter(a -> !a.address().equals(reserved))
                        .toList();
                boolean holdsReserved = others.size() < held.size();
                if (held.isEmpty()) {
                    continue; // no address at all is the lease check's finding (network-instance-nic)
                }
                if (others.isEmpty()) {
                    out.add(f.ok(who + " " + d.getKey() + " holds its reserved " + reserved));
                    continue;
                }
                Read<List<NetworkLease>> lease = leases.of(i.project(), net);
                String mac = i.expandedConfig().getOrDefault("volatile." + d.getKey() + ".hwaddr",
                        dev.getOrDefault("hwaddr", ""));
                List<String> origins = new ArrayList<>();
                for (NetworkState.Address a : others) {
                    String origin = origin(lease, a.address(), mac, net, i.location());
                    origins.add(origin);
                    f.evidence(a.address() + ": " + origin);
                }
                String list = String.join(" and ", others.stream().map(NetworkState.Address::address).toList());
                out.add(f.remedy(remedy(i, who, iface, reserved, others, holdsReserved, net))
                        .error(who + " " + d.getKey() + " holds " + list + (holdsReserved ? " besides" : ", not")
                                + " its reserved " + reserved + " (" + String.join("; ", origins) + ")"));
            }
        }
        return out;
    }

    /** The global IPv4 addresses {@code iface} holds inside the instance. */
    private static List<NetworkState.Address> held(Instance i, String iface) {
        NetworkState n = i.state() == null ? null : i.state().network().get(iface);
        return n == null ? List.of() : n.addresses().stream().filter(a -> "inet".equals(a.family())
                && "global".equals(a.scope())).toList();
    }

    /**
     * Where {@code address} came from: the member whose DHCP server leased it, or none. Every member's dnsmasq on the
     * segment records a request it sees (they are authoritative), so a lease can be listed by several members: one
     * held at another member than the instance's is the origin (the instance's own member would have handed out
     * the reservation), and the instance's own member's copy is only named beside it.
     */
    private static String origin(Read<List<NetworkLease>> leases, String address, String mac, String net,
                                 String home) {
        if (!leases.ok()) {
            return "the leases of " + net + " cannot be read (" + leases.error() + ")";
        }
        List<NetworkLease> all = leases.value().stream().filter(x -> address.equals(x.address())
                && !"gateway".equals(x.type())).toList();
        if (all.isEmpty()) {
            return "no DHCP server of " + net + " leased it (set inside the instance, or by another client)";
        }
        List<NetworkLease> away = all.stream().filter(x -> !home.equals(x.location())).toList();
        NetworkLease x = away.isEmpty() ? all.getFirst() : away.getFirst();
        String where = x.location() == null || x.location().isEmpty() ? "a member's" : x.location() + "'s";
        boolean alsoHome = !away.isEmpty() && away.size() < all.size();
        return x.type() + " lease of " + where + " DHCP server (dnsmasq of " + net + ")"
                + (mac.isEmpty() || mac.equalsIgnoreCase(x.hwaddr()) ? "" : " to hwaddr " + x.hwaddr())
                + (alsoHome ? ", recorded by " + home + "'s too" : "");
    }

    private static Remedy remedy(Instance i, String who, String iface, String reserved,
                                 List<NetworkState.Address> others, boolean holdsReserved, String net) {
        String exec = "infra instance exec --project " + HostCommand.quote(i.project()) + " "
                + HostCommand.quote(i.name()) + " -- ";
        String why = " Only " + i.location() + " knows the reservation: another member's dnsmasq on the shared"
                + " segment hands out addresses of its own (its lease ends with the bridge's `ipv4.dhcp.expiry`).";
        if (holdsReserved) {
            // the daemon's values are quoted like every word of a shown command: a reader may paste it
            List<String> dels = others.stream().map(a -> "`" + exec + String.join(" ", "ip", "addr", "del",
                    HostCommand.quote(a.address() + "/" + a.netmask()), "dev", HostCommand.quote(iface)) + "`")
                    .toList();
            return Remedy.say("Remove the other address from " + iface + " inside " + who + ": "
                    + String.join(", then ", dels) + "." + why);
        }
        return Remedy.say("Give " + who + " its reserved " + reserved + " again: restart it (`infra instance"
                + " restart --project " + HostCommand.quote(i.project()) + " " + HostCommand.quote(i.name())
                + "`) so that its DHCP client asks again, and check that " + i.location() + "'s dnsmasq of " + net
                + " answers." + why);
    }
}
