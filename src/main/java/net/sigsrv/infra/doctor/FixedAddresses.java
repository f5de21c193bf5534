package net.sigsrv.infra.doctor;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Addresses for probes that got no DHCP lease, from the top of each bridge's subnet down, never one an instance
 * holds, the gateway, or one already handed out in this run. The probe still checks a candidate on the wire
 * (duplicate address detection) before it takes it: hosts the Incus API does not know may share the segment.
 */
final class FixedAddresses {

    private final Map<String, String> gateways;
    private final Set<String> used = ConcurrentHashMap.newKeySet();

    /**
     * @param gateways per bridge, its {@code ipv4.address} ({@code 10.20.0.1/16})
     * @param inUse    every address instances hold now
     */
    FixedAddresses(Map<String, String> gateways, Set<String> inUse) {
        this.gateways = Map.copyOf(gateways);
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
        int prefix = Integer.parseInt(gateway.substring(slash + 1));
        if (ip < 0 || prefix < 8 || prefix > 30) {
            return Optional.empty();
        }
        long size = 1L << (32 - prefix);
        long network = ip & ~(size - 1) & 0xffffffffL;
        used.add(format(ip));
        for (long a = network + size - 2; a > network && a > network + size - 1 - 1024; a--) {
            String candidate = format(a);
            if (used.add(candidate)) {
                return Optional.of(candidate + "/" + prefix);
            }
        }
        return Optional.empty();
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
