package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

/** A pool; {@code status} is Created, Pending, Errored, Unknown or Unavailable. */
public record StoragePool(String name, String description, String driver, String status, Map<String, String> config,
                          List<String> locations, List<String> usedBy) {
    public StoragePool {
        description = Nulls.text(description);
        status = Nulls.text(status);
        config = Nulls.map(config);
        locations = Nulls.list(locations);
        usedBy = Nulls.list(usedBy);
    }
}
