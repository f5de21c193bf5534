package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

public record ZoneRecord(String name, String description, List<Entry> entries, Map<String, String> config) {
    public ZoneRecord {
        description = Nulls.text(description);
        entries = Nulls.list(entries);
        config = Nulls.map(config);
    }

    public record Entry(String type, String value, Long ttl) {
    }
}
