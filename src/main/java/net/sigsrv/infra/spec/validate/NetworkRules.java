package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Ipv4;

/**
 * The bridge rules: CIDR and gateway, no overlaps, VLAN ids and interfaces unique, and the cross-host rule — every
 * bridge exists on every host with its VLAN interface.
 */
final class NetworkRules implements SpecValidator.Rules {

    @Override
    public void check(Spec spec, Report report) {
        List<Map.Entry<Network, Ipv4.Cidr>> parsed = new ArrayList<>();
        Map<Long, Network> vlans = new HashMap<>();
        Map<String, Network> interfaces = new HashMap<>();
        for (Network n : spec.networks()) {
            String subject = "network " + n.name();
            cidr(n, report).ifPresent(c -> {
                parsed.add(Map.entry(n, c));
                gateway(n, c, report);
            });
            n.vlan().ifPresent(v -> {
                if (v < 1 || v > 4094) {
                    report.error("network-vlan-range", subject, n.loc().of("vlan"), subject + ": vlan " + v
                            + " is outside 1–4094", "VLAN 0 and 4095 are reserved by 802.1Q.");
                } else {
                    Network other = vlans.putIfAbsent(v, n);
                    if (other != null) {
                        report.error("network-vlan-duplicate", subject, n.loc().of("vlan"), subject + ": vlan " + v
                                + " is already used by network " + other.name(), "Two bridges on one VLAN would"
                                + " join their segments; give each its own VLAN id.");
                    }
                }
                if (n.iface().isEmpty()) {
                    report.error("network-vlan-interface", subject, n.loc().of("vlan"), subject + ": vlan " + v
                            + " needs an interface", "Name the host interface that carries the VLAN (e.g."
                            + " `interface: sigsrv0`); it is attached to the bridge on every host.");
                }
            });
            n.iface().ifPresent(i -> {
                Network other = interfaces.putIfAbsent(i, n);
                if (other != null) {
                    report.error("network-interface-duplicate", subject, n.loc().of("interface"), subject
                            + ": interface " + i + " is already attached to network " + other.name(), "An"
                            + " interface can be the bridge port of one bridge only.");
                }
            });
            crossHost(spec, n, report);
        }
        overlaps(parsed, report);
    }

    /**
     * {@code network-overlap}: each network that overlaps one written before it is reported once, naming one of
     * them. CIDR blocks are either nested or disjoint, so an earlier block overlapping this one either contains it
     * (one look-up per shorter prefix) or starts inside it (a range of a sorted map): O(n log n), where comparing
     * every pair took seconds for a 1 MB spec of networks and reported n² pairs for n copies of one range.
     */
    private static void overlaps(List<Map.Entry<Network, Ipv4.Cidr>> parsed, Report report) {
        Map<Ipv4.Cidr, Network> blocks = new HashMap<>();
        TreeMap<Long, Network> byStart = new TreeMap<>();
        for (Map.Entry<Network, Ipv4.Cidr> e : parsed) {
            Network a = e.getKey();
            Ipv4.Cidr c = e.getValue();
            Network b = null;
            for (int q = 0; q <= c.prefix() && b == null; q++) {
                b = blocks.get(new Ipv4.Cidr(new Ipv4.Cidr(c.network(), q).network(), q));
            }
            if (b == null) {
                var inside = byStart.ceilingEntry(c.network());
                b = inside != null && inside.getKey() <= c.broadcast() ? inside.getValue() : null;
            }
            if (b != null) {
                report.error("network-overlap", "network " + a.name(), a.loc().of("ipv4"), "network "
                        + a.name() + ": ipv4 " + a.ipv4() + " overlaps network " + b.name() + " (" + b.ipv4()
                        + ")", "Instances could not tell the two segments apart; pick disjoint ranges.");
            }
            blocks.putIfAbsent(new Ipv4.Cidr(c.network(), c.prefix()), a);
            byStart.putIfAbsent(c.network(), a);
        }
    }

    private static Optional<Ipv4.Cidr> cidr(Network n, Report report) {
        String subject = "network " + n.name();
        Optional<Ipv4.Cidr> cidr = Ipv4.parseCidr(n.ipv4());
        if (cidr.isEmpty()) {
            report.error("network-cidr", subject, n.loc().of("ipv4"), subject + ": ipv4 '" + n.ipv4()
                    + "' is not an IPv4 network in CIDR form", "Write ADDRESS/PREFIX, e.g. 172.20.0.0/16.");
            return Optional.empty();
        }
        Ipv4.Cidr c = cidr.get();
        if (!c.isNetworkAddress()) {
            report.error("network-cidr", subject, n.loc().of("ipv4"), subject + ": ipv4 " + n.ipv4()
                    + " has host bits set; the network is " + c, "Write the network as " + c + " and put the"
                    + " bridge address in `gateway: " + Ipv4.format(c.address()) + "`.");
            return Optional.empty();
        }
        if (c.prefix() > 30) {
            report.error("network-cidr", subject, n.loc().of("ipv4"), subject + ": ipv4 " + n.ipv4()
                    + " leaves no room for instances", "A bridge needs a prefix of /30 or shorter.");
            return Optional.empty();
        }
        return cidr;
    }

    private static void gateway(Network n, Ipv4.Cidr c, Report report) {
        if (n.gateway().isEmpty()) {
            return;
        }
        String subject = "network " + n.name();
        String text = n.gateway().get();
        OptionalLong gw = Ipv4.parseAddress(text);
        if (gw.isEmpty()) {
            report.error("network-gateway", subject, n.loc().of("gateway"), subject + ": gateway '" + text
                    + "' is not an IPv4 address", "Write the bridge's own address inside " + n.ipv4() + "; the"
                    + " default is the first host address, " + Ipv4.format(c.firstHost()) + ".");
        } else if (!c.contains(gw.getAsLong())) {
            report.error("network-gateway", subject, n.loc().of("gateway"), subject + ": gateway " + text
                    + " is outside " + n.ipv4(), "The default is the first host address, "
                    + Ipv4.format(c.firstHost()) + ".");
        } else if (gw.getAsLong() == c.network() || gw.getAsLong() == c.broadcast()) {
            report.error("network-gateway", subject, n.loc().of("gateway"), subject + ": gateway " + text
                    + " is the network or broadcast address of " + n.ipv4(), "The default is the first host"
                    + " address, " + Ipv4.format(c.firstHost()) + ".");
        }
    }

    /** One report per network, naming the hosts it misses (one per host gave hosts × networks of them). */
    private static void crossHost(Spec spec, Network n, Report report) {
        if (n.hosts().isEmpty()) {
            return;
        }
        Set<String> listed = new HashSet<>(n.hosts());
        List<String> missing = spec.hostNames().stream().filter(h -> !listed.contains(h)).toList();
        if (missing.isEmpty()) {
            return;
        }
        String hosts = missing.size() == 1 ? "host " + missing.getFirst() : "hosts " + String.join(", ",
                missing.subList(0, Math.min(10, missing.size()))) + (missing.size() > 10 ? " and "
                + (missing.size() - 10) + " more" : "");
        report.error("network-cross-host", "network " + n.name(), n.loc().of("hosts"), "network "
                + n.name() + " is not defined on " + hosts, "A bridge must exist with the same name on"
                + " every host, with its VLAN interface attached, or instances on " + (missing.size() == 1
                ? missing.getFirst() : "those hosts") + " cannot reach instances on other hosts. Remove `hosts` or"
                + " list every host.");
    }
}
