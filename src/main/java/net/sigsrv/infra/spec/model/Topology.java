package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Optional;

/** Placement of a cluster's nodes: {@code targets} empty means every host, round-robin. */
public record Topology(Optional<String> region, Optional<String> zone, List<String> targets, Loc loc) {
    public Topology {
        targets = List.copyOf(targets);
    }
}
