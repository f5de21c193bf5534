package net.sigsrv.infra.incus.api;

import com.fasterxml.jackson.annotation.JsonAlias;
import java.util.Map;

/**
 * {@code GET /1.0/projects/NAME/state}: per resource ({@code containers}, {@code cpu}, {@code disk},
 * {@code instances}, {@code memory}, {@code networks}, {@code processes}, {@code virtual-machines}) its usage and
 * limit; a limit of -1 means none. LXD 5.0.2 spells the fields {@code Limit} and {@code Usage}.
 */
public record ProjectState(Map<String, Resource> resources) {
    public ProjectState {
        resources = Nulls.map(resources);
    }

    public record Resource(@JsonAlias("Limit") long limit, @JsonAlias("Usage") long usage) {
    }
}
