package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

public record NetworkZone(String name, String description, Map<String, String> config, List<String> usedBy) {
    public NetworkZone {
        description = Nulls.text(description);
        config = Nulls.map(config);
        usedBy = Nulls.list(usedBy);
    }
}
