package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sigsrv.infra.values.Ipv4;

/**
 * Addresses for probes, so that a probe needs no DHCP lease: from the top of each bridge's subnet down, outside the
 * bridge's {@code ipv4.dhcp.ranges} where it sets them (no DHCP server of any member hands those out), never one an
 * instance holds or a NIC reserves ({@code ipv4.address}), never the gateway, never one already handed out in this
 * run. Without explicit ranges every member's DHCP serves the whole subnet; the top is still the least used part
 * (dnsmasq spreads its leases by a hash of the MAC), and a probe lives for seconds.
 */
final class FixedAddresses {

    private final Map<String, String> gateways;
    private final Map<String, String> ranges;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    /**
     * @param gateways per bridge, its {@code ipv4.address} ({@code 10.20.0.1/16})
     * @param inUse    every address instances hold now
     */
    FixedAddresses(Map<String, String> gateways, Set<String> inUse) {
        this(gateways, Map.of(), inUse);
    }

    /**
     * @param gateways per bridge, its {@code ipv4.address} ({@code 10.20.0.1/16})
     * @param ranges   per bridge that sets it, its {@code ipv4.dhcp.ranges} ({@code 10.20.0.10-10.20.0.99,…})
     * @param inUse    every address instances hold or their NICs reserve
     */
    FixedAddresses(Map<String, String> gateways, Map<String, String> ranges, Set<String> inUse) {
        this.gateways = Map.copyOf(gateways);
        this.ranges = Map.copyOf(ranges);
        used.addAll(inUse);
    }

    /** The next free address of {@code bridge}'s subnet in CIDR form ({@code 10.20.255.254/16}), if any is left. */
    Optional<String> next(String bridge) {
        Optional<Ipv4.Cidr> parsed = Ipv4.parseCidr(gateways.getOrDefault(bridge, ""))
                .filter(c -> c.prefix() >= 8 && c.prefix() <= 30);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Ipv4.Cidr subnet = parsed.get();
        List<long[]> dynamic = ranges(ranges.getOrDefault(bridge, ""));
        used.add(Ipv4.format(subnet.address()));
        // at most 1024 candidates below the broadcast address: a probe needs one, not a scan of a /8
        for (long a = subnet.lastHost(); a > subnet.network() && a > subnet.broadcast() - 1024; a--) {
            long candidate = a;
            if (dynamic.stream().anyMatch(r -> candidate >= r[0] && candidate <= r[1])) {
                continue;
            }
            String text = Ipv4.format(candidate);
            if (used.add(text)) {
                return Optional.of(text + "/" + subnet.prefix());
            }
        }
        return Optional.empty();
    }

    /** {@code a-b,c-d} as address pairs; parts that do not parse are left out. */
    private static List<long[]> ranges(String csv) {
        List<long[]> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String[] ends = part.strip().split("-");
            if (ends.length != 2) {
                continue;
            }
            OptionalLong from = Ipv4.parseAddress(ends[0].strip());
            OptionalLong to = Ipv4.parseAddress(ends[1].strip());
            if (from.isPresent() && to.isPresent()) {
                out.add(new long[] {from.getAsLong(), to.getAsLong()});
            }
        }
        return out;
    }
}
