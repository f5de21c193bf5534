package net.sigsrv.infra.spec.model;

import java.util.Map;
import java.util.OptionalLong;

/** A storage pool; {@code source} maps a host name to that host's device, dataset or path. */
public record Pool(String name, String description, String purpose, String driver, Map<String, String> source,
                   OptionalLong size, Map<String, String> config, Loc loc) {
    public Pool {
        source = Ordered.copy(source);
        config = Ordered.copy(config);
    }
}
