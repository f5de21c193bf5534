package net.sigsrv.infra.incus.api;

import java.util.Map;

/** {@code GET /1.0/instances/NAME/snapshots?recursion=1}: one snapshot; times are RFC 3339 as the daemon sends. */
public record InstanceSnapshot(String name, String createdAt, String expiresAt, boolean stateful, long size,
                               Map<String, String> config) {
    public InstanceSnapshot {
        createdAt = Nulls.text(createdAt);
        expiresAt = Nulls.text(expiresAt);
        config = Nulls.map(config);
    }
}
