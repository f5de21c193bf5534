package net.sigsrv.infra.spec.model;

import java.util.OptionalLong;

public record Limits(OptionalLong cpu, OptionalLong memory, OptionalLong disk, OptionalLong instances,
                     OptionalLong containers, OptionalLong virtualMachines, OptionalLong networks, Loc loc) {
}
