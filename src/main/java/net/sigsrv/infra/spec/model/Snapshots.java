package net.sigsrv.infra.spec.model;

import java.util.Optional;

public record Snapshots(String schedule, Optional<String> expiry, String pattern, Loc loc) {
}
