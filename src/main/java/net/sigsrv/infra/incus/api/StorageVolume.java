package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

/** A storage volume; {@code location} is the member it lives on for local drivers. */
public record StorageVolume(String name, String description, String type, String contentType,
                            Map<String, String> config, String location, List<String> usedBy, String project) {
    public StorageVolume {
        description = Nulls.text(description);
        config = Nulls.map(config);
        usedBy = Nulls.list(usedBy);
        location = Nulls.text(location);
    }
}
