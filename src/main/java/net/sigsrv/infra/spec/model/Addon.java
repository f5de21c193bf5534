package net.sigsrv.infra.spec.model;

import java.util.Map;

public record Addon(String name, Map<String, String> options, Loc loc) {
    public Addon {
        options = Ordered.copy(options);
    }
}
