package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
        String gateway = gateways.getOrDefault(bridge, "");
        int slash = gateway.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        long ip = parse(gateway.substring(0, slash));
        int prefix;
        try {
            prefix = Integer.parseInt(gateway.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (ip < 0 || prefix < 8 || prefix > 30) {
            return Optional.empty();
        }
        List<long[]> dynamic = ranges(ranges.getOrDefault(bridge, ""));
        long size = 1L << (32 - prefix);
        long network = ip & ~(size - 1) & 0xffffffffL;
        used.add(format(ip));
        for (long a = network + size - 2; a > network && a > network + size - 1 - 1024; a--) {
            long candidate = a;
            if (dynamic.stream().anyMatch(r -> candidate >= r[0] && candidate <= r[1])) {
                continue;
            }
            String text = format(candidate);
            if (used.add(text)) {
                return Optional.of(text + "/" + prefix);
            }
        }
        return Optional.empty();
    }

    /** {@code a-b,c-d} as address pairs; parts that do not parse are left out. */
    private static List<long[]> ranges(String csv) {
        List<long[]> out = new ArrayList<>();
        for (String part : csv.split(",")) {
            String[] ends = part.strip().split("-");
            if (ends.length == 2 && parse(ends[0].strip()) >= 0 && parse(ends[1].strip()) >= 0) {
                out.add(new long[] {parse(ends[0].strip()), parse(ends[1].strip())});
            }
        }
        return out;
    }

    private static long parse(String dotted) {
        String[] parts = dotted.split("\\.");
        if (parts.length != 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            try {
                int octet = Integer.parseInt(p);
                if (octet < 0 || octet > 255) {
                    return -1;
                }
                v = v << 8 | octet;
            } catch (NumberFormatException e) {
                return -1;
            }
        }
        return v;
    }

    private static String format(long v) {
        return (v >> 24 & 255) + "." + (v >> 16 & 255) + "." + (v >> 8 & 255) + "." + (v & 255);
    }
}
