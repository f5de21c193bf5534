package net.sigsrv.infra.spec.model;

import java.util.Optional;

/** An extra disk backed by a custom volume; {@code volume} is the volume's name, already defaulted. */
public record Disk(String name, String pool, String volume, long size, String content, Optional<String> path,
                   Loc loc) {
}
