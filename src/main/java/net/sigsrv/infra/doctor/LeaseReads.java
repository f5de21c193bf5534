package net.sigsrv.infra.doctor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.api.NetworkLease;

/**
 * The leases of a bridge as one project sees them ({@code GET /1.0/networks/NAME/leases?project=P}), read at most
 * once per run: {@link ReservedAddressCheck} and {@link LeaseConflicts} ask for the same ones.
 */
final class LeaseReads {

    private final IncusClient client;
    private final Map<String, Read<List<NetworkLease>>> read = new ConcurrentHashMap<>();

    LeaseReads(IncusClient client) {
        this.client = client;
    }

    Read<List<NetworkLease>> of(String project, String network) {
        return read.computeIfAbsent(project + "/" + network, k -> Read.of(() -> client.networks().leases(project,
                network)));
    }
}
