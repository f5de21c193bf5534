package net.sigsrv.infra.spec.model;

public record NodeDisk(String name, String pool, long size, Loc loc) {
}
