package net.sigsrv.infra.plan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What an object needs to exist before it: its project, the per-member parts of a network or pool, the zone of a
 * record or network, the ACLs and networks and pools and volumes and profiles its config and devices name (a NIC's
 * {@code security.acls} included). The apply graph is these references, pointed forward for creates and backward
 * for deletes; what a protected instance keeps ({@link ProtectedNeeds}) is their closure. Names are as the object
 * writes them: a profile or volume of a project without its own is found under {@code default} by the caller.
 */
public final class References {

    private References() {
    }

    public static Set<Address> of(Resource r, List<String> members) {
        Address a = r.address();
        Set<Address> out = new LinkedHashSet<>();
        switch ((IncusKind) a.kind()) {
            case PROFILE, INSTANCE, VOLUME -> out.add(Address.of(Kind.PROJECT, a.scope()));
            case ZONE_RECORD -> out.add(Address.of(Kind.ZONE, a.scope()));
            case NETWORK -> members.forEach(m -> out.add(Address.onMember(Kind.NETWORK_MEMBER, a.name(), m)));
            case POOL -> members.forEach(m -> out.add(Address.onMember(Kind.POOL_MEMBER, a.name(), m)));
            default -> { }
        }
        if (a.kind() == Kind.VOLUME) {
            out.add(Address.of(Kind.POOL, a.pool()));
        }
        String zone = r.field("config.dns.zone.forward");
        if (!zone.isEmpty()) {
            out.add(Address.of(Kind.ZONE, zone));
        }
        acls(r.field("config.security.acls"), out);
        r.fields().forEach((k, v) -> {
            if (k.startsWith("devices.") && k.endsWith(".security.acls")) {
                acls(v, out);
            } else if (k.startsWith("devices.") && k.endsWith(".network")) {
                out.add(Address.of(Kind.NETWORK, v));
            } else if (k.startsWith("devices.") && k.endsWith(".pool")) {
                out.add(Address.of(Kind.POOL, v));
                String device = k.substring(0, k.length() - ".pool".length());
                String source = r.field(device + ".source");
                if (!source.isEmpty()) {
                    out.add(Address.volume(a.scope(), v, source));
                }
            }
        });
        if (a.kind() == Kind.INSTANCE) {
            for (String p : r.field("profiles").split(",")) {
                if (!p.isBlank()) {
                    out.add(Address.scoped(Kind.PROFILE, a.scope(), p.strip()));
                }
            }
        }
        out.remove(a);
        return out;
    }

    private static void acls(String list, Set<Address> out) {
        for (String acl : list.split(",")) {
            if (!acl.isBlank()) {
                out.add(Address.of(Kind.ACL, acl.strip()));
            }
        }
    }
}
