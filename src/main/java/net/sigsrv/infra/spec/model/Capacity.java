package net.sigsrv.infra.spec.model;

import java.util.Map;
import java.util.OptionalLong;

/** What a host can give; {@code disks} maps a pool name to the bytes this host has for it. */
public record Capacity(OptionalLong cpu, OptionalLong memory, Map<String, Long> disks, Loc loc) {
    public Capacity {
        disks = Ordered.copy(disks);
    }
}
