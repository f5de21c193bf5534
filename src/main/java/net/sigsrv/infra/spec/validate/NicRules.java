package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.spec.model.Nic;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Ipv4;

/**
 * {@code nic-address} and {@code nic-hwaddr}: reserved addresses are usable host addresses of their network,
 * reserved once; fixed MACs are well-formed. Profiles are shared, so they cannot reserve an address.
 */
final class NicRules implements SpecValidator.Rules {

    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}");

    @Override
    public void check(Spec spec, Report report) {
        Map<String, String> reservedBy = new HashMap<>();
        for (Instance i : spec.instances()) {
            for (Nic nic : i.settings().nics()) {
                String subject = "instance " + i.name() + " nic " + nic.name();
                hwaddr(nic, subject, report);
                nic.ipv4().ifPresent(a -> address(spec, nic, a, subject, reservedBy, report));
            }
        }
        for (Profile p : profiles(spec)) {
            for (Nic nic : p.settings().nics()) {
                String subject = "profile " + p.name() + " nic " + nic.name();
                hwaddr(nic, subject, report);
                nic.ipv4().ifPresent(a -> report.error("nic-address", subject, nic.loc().of("ipv4"), subject
                        + ": a profile cannot reserve ipv4 " + a, "Every instance using the profile would claim"
                        + " the same address; reserve it on the instance's own NIC."));
            }
        }
    }

    private static Iterable<Profile> profiles(Spec spec) {
        List<Profile> all = new ArrayList<>(spec.profiles());
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(all::add));
        return all;
    }

    private static void hwaddr(Nic nic, String subject, Report report) {
        nic.hwaddr().filter(m -> !MAC.matcher(m).matches()).ifPresent(m -> report.error("nic-hwaddr", subject,
                nic.loc().of("hwaddr"), subject + ": hwaddr '" + m + "' is not a MAC address",
                "Write six hex pairs separated by colons, e.g. 10:66:6a:00:00:01."));
    }

    private static void address(Spec spec, Nic nic, String text, String subject, Map<String, String> reservedBy,
                                Report report) {
        OptionalLong ip = Ipv4.parseAddress(text);
        if (ip.isEmpty()) {
            report.error("nic-address", subject, nic.loc().of("ipv4"), subject + ": ipv4 '" + text
                    + "' is not an IPv4 address", "Write the address alone, e.g. 172.20.0.10; the prefix comes"
                    + " from the network.");
            return;
        }
        Optional<Network> network = spec.network(nic.network());
        Optional<Ipv4.Cidr> cidr = network.flatMap(n -> Ipv4.parseCidr(n.ipv4())).filter(Ipv4.Cidr::isNetworkAddress);
        if (cidr.isEmpty()) {
            return; // unknown network or bad CIDR: reported by their own rules
        }
        Ipv4.Cidr c = cidr.get();
        // A gateway outside the network is reported by network-gateway; the bridge then takes the default.
        long gateway = network.get().gateway().flatMap(g -> {
            OptionalLong v = Ipv4.parseAddress(g);
            return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
        }).filter(c::contains).orElse(c.firstHost());
        long a = ip.getAsLong();
        String why = !c.contains(a) ? "is outside " + nic.network() + " (" + c + ")"
                : a == c.network() || a == c.broadcast() ? "is the network or broadcast address of " + c
                : a == gateway ? "is the gateway of " + nic.network() : "";
        if (!why.isEmpty()) {
            report.error("nic-address", subject, nic.loc().of("ipv4"), subject + ": ipv4 " + text + " " + why,
                    "Reserve a host address of " + c + " other than the gateway " + Ipv4.format(gateway) + ".");
            return;
        }
        String owner = reservedBy.putIfAbsent(nic.network() + "/" + Ipv4.format(a), subject);
        if (owner != null) {
            report.error("nic-address", subject, nic.loc().of("ipv4"), subject + ": ipv4 " + text
                    + " is already reserved by " + owner);
        }
    }
}
