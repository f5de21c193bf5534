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
 * <li>a failed cross-host ping over a bridge is caused by every problem the bridge and VLAN checks found on that
 *     bridge (on any member) — the interface detached, down, with the wrong MTU or id, or carrying an address;</li>
 * <li>a failed full-size ping ({@link Check#PATH_MTU}) likewise, the MTU of the segment
 *     ({@link Check#SEGMENT_MTU}) among them; an interface whose MTU differs from its bridge's is caused by the
 *     segment finding about the same interface on the same member, which names the MTU the segment should have;</li>
 * <li>a DHCP/DNS server that does not answer on a member is caused by that member's bridge being unreadable or
 *     gone (its dnsmasq goes with it);</li>
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
        findings.stream().filter(f -> f.severity().isProblem() && f.check().equals(Check.SEGMENT_MTU.id()))
                .forEach(f -> segmentMtu.put(f.host() + "/" + f.network() + "/" + f.subject(), f.key()));
        Map<String, List<String>> bridgeGone = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (!f.severity().isProblem()) {
                continue;
            }
            if (f.check().equals(Check.MEMBER_ONLINE.id())) {
                memberDown.put(f.host(), f.key());
            }
            if (f.check().equals(Check.BRIDGE_ATTACHED.id()) && f.subject().equals(f.network())) {
                bridgeGone.computeIfAbsent(f.host() + "/" + f.network(), k -> new ArrayList<>()).add(f.key());
            }
            if (!f.unreadable() && Check.of(f.check()).filter(SEGMENT::contains).isPresent()
                    && mtuCause(f, segmentMtu) == null) {
                String bridge = f.network().isEmpty() ? f.subject() : f.network();
                segmentProblems.computeIfAbsent(bridge, k -> new ArrayList<>()).add(f.key());
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            List<String> causes = new ArrayList<>();
            if (f.severity().isProblem()) {
                if (f.check().equals(Check.CROSS_HOST_PING.id()) || f.check().equals(Check.PATH_MTU.id())) {
                    causes.addAll(segmentProblems.getOrDefault(f.network(), List.of()));
                }
                if (f.unreadable() && memberDown.containsKey(f.host())
                        && !f.check().equals(Check.MEMBER_ONLINE.id())) {
                    causes.add(memberDown.get(f.host()));
                }
                if (mtuCause(f, segmentMtu) != null) {
                    causes.add(mtuCause(f, segmentMtu));
                }
                if (f.check().equals(Check.DHCP_DNS.id())) {
                    causes.addAll(bridgeGone.getOrDefault(f.host() + "/" + f.network(), List.of()));
                }
                if (f.check().equals(Check.DATABASE.id())) {
                    causes.addAll(memberDown.values());
                }
            }
            out.add(causes.isEmpty() ? f : f.causedBy(causes));
        }
        return out;
    }

    /** The segment-MTU finding about the same interface on the same member, for a VLAN MTU finding; else null. */
    private static String mtuCause(Finding f, Map<String, String> segmentMtu) {
        return f.check().equals(Check.VLAN_MTU.id())
                ? segmentMtu.get(f.host() + "/" + f.network() + "/" + f.subject()) : null;
    }
}
