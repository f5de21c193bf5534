package net.sigsrv.infra.incus.api;

public record NetworkLease(String hostname, String hwaddr, String address, String type, String location,
                           String project) {
}
