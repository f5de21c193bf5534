package net.sigsrv.infra.spec.model;

import java.util.Optional;

public record Nic(String name, String network, Optional<String> ipv4, Optional<String> hwaddr, Loc loc) {
}
