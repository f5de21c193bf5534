package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkLease;

/**
 * {@code network-dhcp-leases}: on a bridge that several members carry, each member runs its own dnsmasq with its own
 * lease file, all answering as the same gateway and authoritatively. An address one member leased to a NIC while
 * another leased it to another NIC is a conflict: a client offered it by one is refused (NAK) by the other on every
 * try, or two NICs hold it at once. Read from {@code GET /1.0/networks/NAME/leases} (each lease with the member that
 * gave it), once per bridge and project whose instances use it — the daemon lists only leases of the project's own
 * NICs, so the stale lease of a deleted container stays out of sight; the NIC it blocks shows in {@code
 * network-instance-nic} without an address. LXD keeps one {@code ipv4.dhcp.ranges} per network for all members (a
 * member-specific value is refused: checked on LXD 5.0.2), so the ranges cannot be split per member: reservations
 * are the way out.
 */
final class LeaseConflicts {

    private LeaseConflicts() {
    }

    static List<Finding> run(LeaseReads reads, LabView lab) {
        List<Finding> out = new ArrayList<>();
        List<Instance> instances = lab.instances().get().orElse(List.of());
        for (Network b : lab.bridges()) {
            if (lab.vlanInterfaces().getOrDefault(b.name(), Map.of()).size() < 2 || !DhcpDnsCheck.applies(b)) {
                continue; // one dnsmasq (or none) serves it: nothing to conflict with
            }
            Set<String> projects = new LinkedHashSet<>();
            instances.forEach(i -> i.expandedDevices().values().forEach(d -> {
                // probes hold no lease (a fixed address), and those of earlier runs may still be going away
                if (NicCheck.isNicOn(d, b.name()) && !Doctor.PROBE_PROJECT.equals(i.project())) {
                    projects.add(i.project());
                }
            }));
            if (projects.isEmpty()) {
                continue;
            }
            List<NetworkLease> leases = new ArrayList<>();
            for (String project : projects) {
                Read<List<NetworkLease>> read = reads.of(project, b.name());
                if (read.ok()) {
                    leases.addAll(read.value());
                } else {
                    out.add(Finding.of(Check.DHCP_LEASES, "", b.name()).network(b.name()).evidence("GET /1.0/networks/"
                            + b.name() + "/leases?project=" + project + ": " + read.error()).unreadable()
                            .warn("cannot read the leases of " + b.name()));
                }
            }
            out.addAll(check(b, leases));
        }
        return out;
    }

    /** The findings for one bridge's leases, as the daemon lists them (any project, any member). */
    static List<Finding> check(Network bridge, List<NetworkLease> leases) {
        String net = bridge.name();
        Map<String, Map<String, List<NetworkLease>>> byAddress = new TreeMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (NetworkLease l : leases) {
            if (l.hwaddr() == null || l.hwaddr().isEmpty() || l.address() == null || l.address().contains(":")
                    || "gateway".equals(l.type()) || "uplink".equals(l.type())) {
                continue;
            }
            byAddress.computeIfAbsent(l.address(), k -> new TreeMap<>()).computeIfAbsent(l.hwaddr(),
                    k -> new ArrayList<>()).add(l);
            if (l.hostname() != null && !l.hostname().isEmpty() && !l.hostname().equals("*")) {
                names.put(l.hwaddr(), l.hostname());
            }
        }
        List<Finding> out = new ArrayList<>();
        byAddress.forEach((address, byMac) -> {
            if (byMac.size() < 2) {
                return;
            }
            Finding.Builder f = Finding.of(Check.DHCP_LEASES, "", address).network(net);
            List<String> holders = new ArrayList<>();
            byMac.forEach((mac, ls) -> {
                String who = names.getOrDefault(mac, mac) + " (" + mac + ")";
                String by = String.join(", ", ls.stream().map(l -> l.location() == null || l.location().isEmpty()
                        ? "the daemon" : l.location()).distinct().toList());
                holders.add(who + " by " + by);
                f.evidence("GET /1.0/networks/" + net + "/leases: " + address + " → " + who + ", " + ls.getFirst()
                        .type() + " lease of " + by);
            });
            out.add(f.remedy(Remedy.say("Reserve the addresses of the instances on " + net + " (the NIC's"
                    + " `ipv4.address` in the spec) outside `ipv4.dhcp.ranges`, and narrow `ipv4.dhcp.ranges` to"
                    + " the rest, then restart the NICs that hold " + address + " (e.g. restart those"
                    + " instances): every member's DHCP server offers the same range (`ipv4.dhcp.ranges` is one"
                    + " value for all members), and each refuses what the other leased."))
                    .error(address + " on " + net + " is leased to " + String.join(" and to ", holders)
                            + ": one member's DHCP refuses a client on the strength of another's lease"));
        });
        if (out.isEmpty()) {
            out.add(Finding.of(Check.DHCP_LEASES, "", net).network(net).evidence(byAddress.size() + " address(es)"
                    + " leased on " + net).ok("no address of " + net + " is leased to two NICs"));
        }
        return out;
    }
}
