package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.ApiObject;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.IncusKind;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Resource;

/**
 * The incus handle of each kind of plan object: the plan's address (kind, project or zone, pool, name) becomes the
 * typed client call that reaches the object. A per-member part ({@code NETWORK_MEMBER}, {@code POOL_MEMBER}) is
 * its network or pool here; its member goes on each call that needs it.
 */
final class IncusObjects {

    private IncusObjects() {
    }

    /** The object itself (created in its collection with {@link ApiObject#create}). */
    static ApiObject object(IncusClient client, Address a) {
        return switch ((IncusKind) a.kind()) {
            case PROJECT -> client.projects().object(a.name());
            case PROFILE -> client.projects().profileObject(a.scope(), a.name());
            case NETWORK, NETWORK_MEMBER -> client.networks().object(a.name());
            case ZONE -> client.networks().zoneObject(a.name());
            case ZONE_RECORD -> client.networks().recordObject(a.scope(), a.name());
            case ACL -> client.networks().aclObject(a.name());
            case POOL, POOL_MEMBER -> client.storage().poolObject(a.name());
            case VOLUME -> client.storage().volumeObject(a.scope(), a.pool(), a.name());
            case INSTANCE -> client.instances().object(a.scope(), a.name());
        };
    }

    /** The object, on the member it lives on when that matters (custom volumes on local pools). */
    static ApiObject located(IncusClient client, Address a, Resource r) {
        return a.kind() == Kind.VOLUME && !r.field("location").isEmpty()
                ? object(client, a).on(r.field("location")) : object(client, a);
    }
}
