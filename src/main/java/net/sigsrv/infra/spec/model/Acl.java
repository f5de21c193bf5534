package net.sigsrv.infra.spec.model;

import java.util.List;

public record Acl(String name, String description, List<AclRule> ingress, List<AclRule> egress, Loc loc) {
    public Acl {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }
}
