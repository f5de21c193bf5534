package net.sigsrv.infra.spec.model;

import java.util.List;

public record Zone(String name, String description, List<ZoneRecord> records, Loc loc) {
    public Zone {
        records = List.copyOf(records);
    }
}
