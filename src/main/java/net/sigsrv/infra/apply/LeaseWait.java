package net.sigsrv.infra.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.InstanceState;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.plan.Address;

/**
 * Waits until a started instance holds an IPv4 lease: a global {@code inet} address on one of its interfaces
 * other than {@code lo}. An instance without any NIC (its own or from a profile) has nothing to wait for.
 */
final class LeaseWait {

    /** A lease did not come in time; the message says where to look. */
    static final class NoLease extends RuntimeException {
        NoLease(String message) {
            super(message);
        }
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private LeaseWait() {
    }

    /** How often an instance that took another address than its NIC reserves is restarted to ask again. */
    static final int RESTARTS = 3;

    /**
     * The first IPv4 address the instance holds, or empty when it has no NIC to wait for. A NIC that reserves an
     * address ({@code ipv4.address}) must hold it: on a bridge several members carry, another member's DHCP server,
     * which does not know the reservation, can answer first; the instance is then restarted (up to {@link
     * #RESTARTS} times) so that its DHCP client asks again.
     */
    static Optional<String> await(IncusClient client, Address instance, Duration timeout) {
        Instance i = client.instances().read(instance.scope(), instance.name());
        boolean hasNic = i.expandedDevices().values().stream().anyMatch(d -> "nic".equals(d.get("type")));
        if (!hasNic) {
            return Optional.empty();
        }
        Map<String, String> reserved = new LinkedHashMap<>();
        i.expandedDevices().forEach((dev, d) -> {
            if ("nic".equals(d.get("type")) && !d.getOrDefault("ipv4.address", "").isEmpty()) {
                reserved.put(d.getOrDefault("name", dev), d.get("ipv4.address"));
            }
        });
        for (int restarts = 0; ; restarts++) {
            InstanceState s = awaitLease(client, instance, reserved.keySet(), timeout);
            List<String> wrong = new ArrayList<>();
            reserved.forEach((nic, want) -> {
                List<String> held = held(s, nic);
                if (!held.isEmpty() && !held.contains(want)) {
                    wrong.add(nic + " holds " + String.join(", ", held) + ", not its reserved " + want);
                }
            });
            if (wrong.isEmpty()) {
                return ipv4(s);
            }
            if (restarts == RESTARTS) {
                throw new NoLease(instance.name() + ": " + String.join("; ", wrong) + " after " + RESTARTS
                        + " restarts (another member's DHCP server on the bridge answered first; see network"
                        + " config raw.dnsmasq)");
            }
            client.instances().setState(instance.scope(), instance.name(), "restart", true, Duration.ofMinutes(2));
        }
    }

    /** Waits until the instance holds an IPv4 address on some NIC, and on each of {@code nics} that it has. */
    private static InstanceState awaitLease(IncusClient client, Address instance, Set<String> nics,
                                            Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            InstanceState s = client.instances().state(instance.scope(), instance.name());
            if (ipv4(s).isPresent() && nics.stream().allMatch(n -> !s.network().containsKey(n)
                    || !held(s, n).isEmpty())) {
                return s;
            }
            if (System.nanoTime() >= deadline) {
                if (ipv4(s).isPresent()) {
                    return s;
                }
                throw new NoLease("no IPv4 lease after " + timeout.toSeconds() + "s on any NIC of " + instance.name()
                        + " (is DHCP on for its network — ipv4.dhcp — and does the image run a DHCP client?)");
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NoLease("interrupted while waiting for an IPv4 lease of " + instance.name());
            }
        }
    }

    /** The global IPv4 addresses {@code nic} holds. */
    private static List<String> held(InstanceState s, String nic) {
        NetworkState n = s.network().get(nic);
        return n == null ? List.of() : n.addresses().stream().filter(a -> "inet".equals(a.family())
                && "global".equals(a.scope())).map(NetworkState.Address::address).toList();
    }

    static Optional<String> ipv4(InstanceState state) {
        for (Map.Entry<String, NetworkState> nic : state.network().entrySet()) {
            if (nic.getKey().equals("lo")) {
                continue;
            }
            for (NetworkState.Address a : nic.getValue().addresses()) {
                if ("inet".equals(a.family()) && "global".equals(a.scope())) {
                    return Optional.of(a.address());
                }
            }
        }
        return Optional.empty();
    }
}
