package net.sigsrv.infra.spec.model;

import java.util.Optional;

public record Host(String name, String description, Optional<String> address, Optional<String> socket,
                   Optional<Capacity> capacity, Loc loc) {
}
