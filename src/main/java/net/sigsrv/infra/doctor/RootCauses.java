package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links symptoms to their causes, so a report names one root instead of five unrelated errors:
 * <ul>
 * <li>a failed gateway ping from an instance on a member is caused by that member's bridge being gone, and by the
 *     instance's own NIC being outside the bridge (its host side not attached); a failed cross-host ping by the NIC
 *     of either instance at its ends being outside the bridge; such a NIC finding is itself caused by the bridge
 *     being gone;</li>
 * <li>a failed cross-host ping over a bridge is caused by every problem the bridge and VLAN checks found on that
 *     bridge (on any member) — the interface detached, down, with the wrong MTU or id, or carrying an address;</li>
 * <li>a failed full-size ping ({@link Check#PATH_MTU}) likewise, the MTU of the segment
 *     ({@link Check#SEGMENT_MTU}) among them; an interface whose MTU differs from its bridge's is caused by the
 *     segment finding about the same interface on the same member, which names the MTU the segment should have;</li>
 * <li>a DHCP/DNS server that does not answer on a member is caused by that member's bridge being unreadable or
 *     gone (its dnsmasq goes with it), and by the asking instance's NIC being outside the bridge;</li>
 * <li>a finding that only says a member's data could not be read is caused by that member not being Online (or
 *     not answering), and so is a database member that is missing.</li>
 * </ul>
 * Findings with a problem and no cause are the roots; their remedies are the ones to apply.
 */
final class RootCauses {

    private static final Set<Check> SEGMENT = EnumSet.of(Check.BRIDGE_ATTACHED, Check.VLAN_UP, Check.VLAN_ID,
            Check.VLAN_MTU, Check.VLAN_UNCONFIGURED, Check.SEGMENT_MTU);

    private RootCauses() {
    }

    static List<Finding> link(List<Finding> findings) {
        Map<String, String> memberDown = new LinkedHashMap<>();
        Map<String, List<String>> segmentProblems = new LinkedHashMap<>();
        Map<String, String> segmentMtu = new LinkedHashMap<>();
        findings.stream().filter(f -> f.severity().isProblem() && f.check() == Check.SEGMENT_MTU)
                .forEach(f -> segmentMtu.put(f.host() + "/" + f.network() + "/" + f.subject(), f.key()));
        Map<String, List<String>> bridgeDown = new LinkedHashMap<>(); // gone or unreadable, for DHCP/DNS
        Map<String, String> bridgeGone = new LinkedHashMap<>();
        Map<String, List<Finding>> nicOutside = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (!f.severity().isProblem()) {
                continue;
            }
            if (isBridgeGone(f)) {
                bridgeGone.put(f.host() + "/" + f.network(), f.key());
            }
            if (f.check() == Check.INSTANCE_NIC && !f.network().isEmpty()) {
                nicOutside.computeIfAbsent(f.host() + "/" + f.network(), k -> new ArrayList<>()).add(f);
            }
            if (f.check() == Check.MEMBER_ONLINE) {
                memberDown.put(f.host(), f.key());
            }
            if (f.check() == Check.BRIDGE_ATTACHED && f.subject().equals(f.network())) {
                bridgeDown.computeIfAbsent(f.host() + "/" + f.network(), k -> new ArrayList<>()).add(f.key());
            }
            if (!f.unreadable() && SEGMENT.contains(f.check())
                    && mtuCause(f, segmentMtu) == null) {
                String bridge = f.network().isEmpty() ? f.subject() : f.network();
                segmentProblems.computeIfAbsent(bridge, k -> new ArrayList<>()).add(f.key());
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            List<String> causes = new ArrayList<>();
            if (f.severity().isProblem()) {
                if (f.check() == Check.CROSS_HOST_PING || f.check() == Check.PATH_MTU) {
                    causes.addAll(segmentProblems.getOrDefault(f.network(), List.of()));
                }
                if (f.unreadable() && memberDown.containsKey(f.host())
                        && f.check() != Check.MEMBER_ONLINE) {
                    causes.add(memberDown.get(f.host()));
                }
                if (mtuCause(f, segmentMtu) != null) {
                    causes.add(mtuCause(f, segmentMtu));
                }
                if (f.check() == Check.DHCP_DNS) {
                    causes.addAll(bridgeDown.getOrDefault(f.host() + "/" + f.network(), List.of()));
                }
                if (f.check() == Check.DATABASE) {
                    causes.addAll(memberDown.values());
                }
                causes.addAll(bridgeCauses(f, bridgeGone, nicOutside));
            }
            out.add(causes.isEmpty() ? f : f.causedBy(causes.stream().distinct().toList()));
        }
        return out;
    }

    /** The segment-MTU finding about the same interface on the same member, for a VLAN MTU finding; else null. */
    private static String mtuCause(Finding f, Map<String, String> segmentMtu) {
        return f.check() == Check.VLAN_MTU
                ? segmentMtu.get(f.host() + "/" + f.network() + "/" + f.subject()) : null;
    }

    /** A member's bridge that does not exist (its state read answered 404), as {@link BridgeChecks} reports it. */
    private static boolean isBridgeGone(Finding f) {
        return f.check() == Check.BRIDGE_ATTACHED && !f.unreadable() && !f.network().isEmpty()
                && f.subject().equals(f.network());
    }

    /** What explains a gateway ping or an instance NIC outside its bridge on one member (see the class comment). */
    private static List<String> bridgeCauses(Finding f, Map<String, String> bridgeGone,
                                             Map<String, List<Finding>> nicOutside) {
        String where = f.host() + "/" + f.network();
        List<String> causes = new ArrayList<>();
        // a DNS query to the gateway goes where a gateway ping goes: a NIC outside the bridge fails both
        boolean gateway = f.check() == Check.GATEWAY_PING || f.check() == Check.DHCP_DNS;
        if ((gateway || f.check() == Check.INSTANCE_NIC) && bridgeGone.containsKey(where)) {
            causes.add(bridgeGone.get(where));
        }
        boolean crossHost = f.check() == Check.CROSS_HOST_PING;
        if (gateway || crossHost) {
            // the instances at the ends of the ping, and their NICs on this bridge found outside it (on any member
            // for a cross-host ping, this member for a gateway ping)
            f.evidence().stream().filter(e -> e.startsWith(Connectivity.ENDPOINT))
                    .map(e -> e.substring(Connectivity.ENDPOINT.length()) + ":")
                    .forEach(who -> nicOutside.forEach((at, nics) -> {
                        if (crossHost ? at.endsWith("/" + f.network()) : at.equals(where)) {
                            nics.stream().filter(n -> n.subject().startsWith(who)).forEach(n -> causes.add(n.key()));
                        }
                    }));
        }
        return causes.stream().distinct().toList();
    }
}
