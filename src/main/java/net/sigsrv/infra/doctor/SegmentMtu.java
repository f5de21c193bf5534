package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.spec.model.Network;

/**
 * The MTU of a segment end to end ({@link Check#SEGMENT_MTU}): along each bridge, every member's VLAN interface and
 * bridge against the MTU the segment should have ({@link #expected}) and against each other. A Linux bridge whose
 * MTU was never set by hand follows the smallest of its ports, so a member whose VLAN interface was given another
 * MTU passes the per-member check ({@link Check#VLAN_MTU}: interface and bridge agree) while the full-size frames of
 * the other members are lost on its side; this check names that member and interface. The remedy sets the MTU back
 * on that member, the interface first (a bridge that follows its ports then follows it), built from checked values
 * ({@link HostRemedy}). Members whose bridge or interface could not be read are left to the bridge checks.
 */
final class SegmentMtu {

    /** The MTU a segment should have, as text (it may come from the daemon's config), and where it comes from. */
    record Expected(String mtu, String source) {
    }

    private SegmentMtu() {
    }

    /** The spec's {@code mtu:} (default 1500), else the bridge's {@code bridge.mtu}, else LXD's default 1500. */
    static Expected expected(LabView lab, String net) {
        Optional<Network> spec = lab.spec().flatMap(s -> s.network(net));
        if (spec.isPresent()) {
            return new Expected(Long.toString(spec.get().mtu()), "the spec's `mtu:` of " + net);
        }
        String configured = lab.bridges().stream().filter(b -> b.name().equals(net)).findFirst()
                .map(b -> b.config().getOrDefault("bridge.mtu", "").strip()).orElse("");
        return configured.isEmpty() ? new Expected("1500", "the default of a bridge without bridge.mtu")
                : new Expected(configured, "bridge.mtu of " + net);
    }

    static List<Finding> run(LabView lab) {
        List<Finding> out = new ArrayList<>();
        lab.vlanInterfaces().forEach((net, perMember) -> out.addAll(along(lab, net, perMember)));
        return out;
    }

    /** One interface on one member, with its MTU and its bridge's there. */
    private record Seen(String member, String iface, long mtu, long bridgeMtu) {
    }

    private static List<Finding> along(LabView lab, String net, Map<String, List<String>> perMember) {
        Expected want = expected(lab, net);
        List<Seen> seen = new ArrayList<>();
        perMember.forEach((member, ifaces) -> {
            Optional<NetworkState> bridge = lab.state(member, net).get();
            for (String iface : ifaces) {
                Optional<NetworkState> s = lab.state(member, iface).get();
                if (bridge.isPresent() && s.isPresent()) {
                    seen.add(new Seen(member, iface, s.get().mtu(), bridge.get().mtu()));
                }
            }
        });
        Map<String, String> byMember = new LinkedHashMap<>();
        seen.forEach(s -> byMember.merge(s.member(), s.iface() + " " + s.mtu() + ", bridge " + s.bridgeMtu(),
                (a, b) -> a + ", " + b));
        String evidence = "MTU along " + net + ": " + String.join("; ", byMember.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList()) + "; the segment's: " + want.mtu() + " ("
                + want.source() + ")";
        List<Finding> out = new ArrayList<>();
        for (Seen s : seen) {
            Finding.Builder f = Finding.of(Check.SEGMENT_MTU, s.member(), s.iface()).network(net).evidence(evidence);
            boolean ifaceOk = want.mtu().equals(Long.toString(s.mtu()));
            boolean bridgeOk = want.mtu().equals(Long.toString(s.bridgeMtu()));
            if (ifaceOk && bridgeOk) {
                out.add(f.ok(s.iface() + " and bridge " + net + " have the segment's MTU (" + want.mtu() + ") on "
                        + s.member()));
                continue;
            }
            String what = !ifaceOk && !bridgeOk ? (s.mtu() == s.bridgeMtu() ? s.iface() + " and bridge " + net
                    + " have MTU " + s.mtu() : s.iface() + " has MTU " + s.mtu() + " and bridge " + net + " "
                    + s.bridgeMtu()) : !ifaceOk ? s.iface() + " has MTU " + s.mtu() : "bridge " + net + " has MTU "
                    + s.bridgeMtu();
            List<String> others = seen.stream().filter(o -> !o.member().equals(s.member()))
                    .map(o -> o.member() + ": " + o.mtu()).distinct().toList();
            HostRemedy r = HostRemedy.on(s.member(), lab.memberNames());
            String mtu = r.mtu(want.mtu());
            if (!ifaceOk) {
                r.run("ip", "link", "set", "dev", r.iface(s.iface()), "mtu", mtu);
            }
            if (!bridgeOk) {
                r.run("ip", "link", "set", "dev", r.bridge(net), "mtu", mtu);
            }
            String keep = lab.spec().flatMap(sp -> sp.network(net)).isPresent()
                    ? " The spec's `mtu:` of " + net + " says " + want.mtu() + " (`infra apply SPEC` keeps the"
                            + " bridge's bridge.mtu); keep " + s.iface() + " at it in " + s.member()
                            + "'s own network configuration too."
                    : " Declare it as `mtu:` of network " + net + " in the spec, and keep " + s.iface() + " at it in "
                            + s.member() + "'s own network configuration.";
            out.add(f.remedy(r.remedy("Give " + (ifaceOk ? "bridge " + net : bridgeOk ? s.iface() : s.iface()
                            + " and bridge " + net) + " on " + s.member() + " the segment's MTU, " + want.mtu() + " ("
                            + want.source() + ")." + keep, "`ip link show` shows each interface's MTU."))
                    .error(what + " on " + s.member() + ", the segment's MTU is " + want.mtu()
                            + (others.isEmpty() ? "" : " (" + String.join(", ", others) + ")")
                            + ": full-size frames between the members are lost"));
        }
        return out;
    }
}
