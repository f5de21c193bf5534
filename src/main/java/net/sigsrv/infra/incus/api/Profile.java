package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

public record Profile(String name, String description, Map<String, String> config,
                      Map<String, Map<String, String>> devices, List<String> usedBy) {
    public Profile {
        description = Nulls.text(description);
        config = Nulls.map(config);
        devices = Nulls.map(devices);
        usedBy = Nulls.list(usedBy);
    }
}
