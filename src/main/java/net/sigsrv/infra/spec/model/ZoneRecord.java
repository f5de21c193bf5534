package net.sigsrv.infra.spec.model;

public record ZoneRecord(String name, String type, String value, long ttl, Loc loc) {
}
