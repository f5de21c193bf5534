package net.sigsrv.infra.spec.model;

import java.util.OptionalLong;

public record RootDisk(String pool, OptionalLong size, Loc loc) {
}
