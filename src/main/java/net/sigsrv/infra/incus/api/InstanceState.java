package net.sigsrv.infra.incus.api;

import java.util.Map;

/** The runtime state of an instance: status, and per-interface addresses (from {@code recursion=2} or /state). */
public record InstanceState(String status, int statusCode, long pid, long processes,
                            Map<String, NetworkState> network) {
    public InstanceState {
        network = Nulls.map(network);
    }
}
