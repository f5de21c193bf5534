package net.sigsrv.infra.apply;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

    /** The first IPv4 address the instance holds, or empty when it has no NIC to wait for. */
    static Optional<String> await(IncusClient client, Address instance, Duration timeout) {
        Instance i = client.instances().read(instance.scope(), instance.name());
        boolean hasNic = i.expandedDevices().values().stream().anyMatch(d -> "nic".equals(d.get("type")));
        if (!hasNic) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> address = ipv4(client.instances().state(instance.scope(), instance.name()));
            if (address.isPresent()) {
                return address;
            }
            if (System.nanoTime() >= deadline) {
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
