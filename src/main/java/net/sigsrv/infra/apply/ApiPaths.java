package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.IncusKind;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Resource;

/** Where each kind of plan object lives in the REST API. */
final class ApiPaths {

    private ApiPaths() {
    }

    /** The collection an object is created in, with its project. */
    static ApiPath collection(Address a) {
        return switch ((IncusKind) a.kind()) {
            case PROJECT -> ApiPath.of("/1.0/projects");
            case PROFILE -> ApiPath.of("/1.0/profiles").project(a.scope());
            case NETWORK, NETWORK_MEMBER -> ApiPath.of("/1.0/networks");
            case ZONE -> ApiPath.of("/1.0/network-zones");
            case ZONE_RECORD -> ApiPath.of("/1.0/network-zones", a.scope(), "records");
            case ACL -> ApiPath.of("/1.0/network-acls");
            case POOL, POOL_MEMBER -> ApiPath.of("/1.0/storage-pools");
            case VOLUME -> ApiPath.of("/1.0/storage-pools", a.pool(), "volumes", "custom").project(a.scope());
            case INSTANCE -> ApiPath.of("/1.0/instances").project(a.scope());
        };
    }

    /** The object, on the member it lives on when that matters (custom volumes on local pools). */
    static ApiPath located(Address a, Resource r) {
        return a.kind() == Kind.VOLUME && !r.field("location").isEmpty() ? object(a).target(r.field("location"))
                : object(a);
    }

    /** The object itself. */
    static ApiPath object(Address a) {
        return switch ((IncusKind) a.kind()) {
            case PROJECT -> ApiPath.of("/1.0/projects", a.name());
            case PROFILE -> ApiPath.of("/1.0/profiles", a.name()).project(a.scope());
            case NETWORK, NETWORK_MEMBER -> ApiPath.of("/1.0/networks", a.name());
            case ZONE -> ApiPath.of("/1.0/network-zones", a.name());
            case ZONE_RECORD -> ApiPath.of("/1.0/network-zones", a.scope(), "records", a.name());
            case ACL -> ApiPath.of("/1.0/network-acls", a.name());
            case POOL, POOL_MEMBER -> ApiPath.of("/1.0/storage-pools", a.name());
            case VOLUME -> ApiPath.of("/1.0/storage-pools", a.pool(), "volumes", "custom", a.name())
                    .project(a.scope());
            case INSTANCE -> ApiPath.of("/1.0/instances", a.name()).project(a.scope());
        };
    }
}
