package net.sigsrv.infra.doctor;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sigsrv.infra.values.Ipv4;

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
        Optional<Ipv4.Cidr> parsed = Ipv4.parseCidr(gateways.getOrDefault(bridge, ""))
                .filter(c -> c.prefix() >= 8 && c.prefix() <= 30);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        Ipv4.Cidr subnet = parsed.get();
        used.add(Ipv4.format(subnet.address()));
        // at most 1024 candidates below the broadcast address: a probe needs one, not a scan of a /8
        for (long a = subnet.lastHost(); a > subnet.network() && a > subnet.broadcast() - 1024; a--) {
            String candidate = Ipv4.format(a);
            if (used.add(candidate)) {
                return Optional.of(candidate + "/" + subnet.prefix());
            }
        }
        return Optional.empty();
    }
}
