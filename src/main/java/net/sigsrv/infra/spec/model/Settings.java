package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** What profiles and instances share: resources, disks, NICs, snapshots and raw config. */
public record Settings(OptionalLong cpu, OptionalLong memory, Optional<RootDisk> root, List<Disk> disks,
                       List<Nic> nics, Optional<Snapshots> snapshots, Map<String, String> config) {
    public Settings {
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
        config = Ordered.copy(config);
    }
}
