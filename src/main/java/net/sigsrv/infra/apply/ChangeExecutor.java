package net.sigsrv.infra.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.ApiObject;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.FieldChange;
import net.sigsrv.infra.plan.IncusKind;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.plan.Resource;

/**
 * Makes one change in the lab. Creates send the whole desired object, ownership marks included, in the one request
 * that creates it. Updates read the object with its ETag, apply only the changed fields and PUT it back with
 * If-Match, so keys the plan does not manage survive and a concurrent change is refused, not overwritten.
 * Per-member parts are PATCHed with {@code ?target=}. Instances are started or stopped to match {@code state}.
 */
public final class ChangeExecutor {

    private static final Duration WAIT = Duration.ofMinutes(10);
    private final IncusClient client;
    private final Optional<Duration> ipv4Lease;
    private final Map<Address, Change> plan;

    /**
     * {@code plan}: the plan's changes by address (a replaced volume goes back to its users as the plan has them);
     * {@code ipv4Lease}: when present, every instance started also waits (up to this long) for an IPv4 lease.
     */
    public ChangeExecutor(IncusClient client, Optional<Duration> ipv4Lease, Map<Address, Change> plan) {
        this.client = client;
        this.ipv4Lease = ipv4Lease;
        this.plan = Map.copyOf(plan);
    }

    public void execute(Change c) {
        switch (c.action()) {
            case CREATE -> create(c.after().orElseThrow());
            case UPDATE -> update(c);
            case REPLACE -> {
                if (c.address().kind() == Kind.VOLUME) {
                    replaceVolume(c.before().orElseThrow(), c.after().orElseThrow());
                } else {
                    delete(c.before().orElseThrow());
                    create(c.after().orElseThrow());
                }
            }
            case DELETE -> delete(c.before().orElseThrow());
            case NOOP -> { }
        }
    }

    private void create(Resource r) {
        Address a = r.address();
        if (a.kind() == Kind.PROFILE && a.name().equals("default")) {
            putFields(IncusObjects.object(client, a), List.copyOf(asAdditions(r)));
            return;
        }
        ObjectNode body = ApiObjects.fromFields(r.fields());
        body.put("name", a.name());
        String member = r.field("location").isEmpty() ? null : r.field("location");
        ApiObject object = IncusObjects.object(client, a);
        switch ((IncusKind) a.kind()) {
            case NETWORK_MEMBER, POOL_MEMBER -> {
                body.remove("description");
                object.create(body, a.member(), WAIT);
            }
            case VOLUME -> {
                body.put("type", "custom");
                object.create(body, member, WAIT);
            }
            case INSTANCE -> {
                // no image key: an empty instance (a Talos node VM boots its ISO volume)
                String image = r.field("config." + Ownership.IMAGE_KEY);
                if (image.isEmpty()) {
                    body.putObject("source").put("type", "none");
                } else {
                    body.putObject("source").put("type", "image").put("alias", image);
                }
                object.create(body, member, WAIT);
                if (r.field("state").equals("running")) {
                    setState(a, "start");
                }
            }
            case NETWORK -> {
                object.create(body, null, WAIT);
                keepDescription(object, r.field("description"));
            }
            default -> object.create(body, null, WAIT);
        }
    }

    /**
     * LXD 5.0.2 drops the description of a cluster network when the global create follows the per-member ones (the
     * config, ownership key included, is kept): put it back, or the next plan would show it as drift.
     */
    private void keepDescription(ApiObject network, String description) {
        Tagged<JsonNode> created = network.read();
        if (!description.equals(created.value().path("description").asText(""))) {
            ObjectNode body = ((ObjectNode) created.value()).deepCopy();
            body.put("description", description);
            network.replace(body, created.etag(), WAIT);
        }
    }

    private static List<FieldChange> asAdditions(Resource r) {
        return r.fields().entrySet().stream()
                .map(e -> new FieldChange(e.getKey(), null, e.getValue(), false)).toList();
    }

    private void update(Change c) {
        Address a = c.address();
        List<FieldChange> objectFields = c.fields().stream().filter(f -> !f.field().equals("state")).toList();
        if (a.kind().isPerMember()) {
            List<FieldChange> keys = objectFields.stream().filter(f -> !BridgeRepair.isRepair(f)).toList();
            if (!keys.isEmpty()) {
                ObjectNode patch = ApiObjects.fromFields(Map.of());
                ApiObjects.apply(patch, keys);
                if (a.kind() == Kind.NETWORK_MEMBER) {
                    // LXD 5.0.2 empties a network's description on a PATCH without one, a member's PATCH too
                    patch.put("description", BridgeRepair.description(client, a));
                }
                IncusObjects.object(client, a).on(a.member()).patch(patch, WAIT);
            }
            if (keys.size() < objectFields.size()) {
                // a changed member key already made the daemon set the bridge up again; else nudge it
                BridgeRepair.recreate(client, a, keys.isEmpty(), WAIT);
            }
            return;
        }
        if (!objectFields.isEmpty()) {
            putFields(IncusObjects.located(client, a, c.before().orElseThrow()), objectFields);
        }
        c.fields().stream().filter(f -> f.field().equals("state")).findFirst()
                .ifPresent(f -> setState(a, "running".equals(f.after()) ? "start" : "stop"));
    }

    private void putFields(ApiObject object, List<FieldChange> fields) {
        Tagged<JsonNode> current = object.read();
        ObjectNode body = ((ObjectNode) current.value()).deepCopy();
        ApiObjects.apply(body, fields);
        object.replace(body, current.etag(), WAIT);
    }

    /** A volume in use is let go by its users first, and given back to those that stay ({@link VolumeUsers}). */
    private void replaceVolume(Resource before, Resource after) {
        Address a = before.address();
        VolumeUsers users = VolumeUsers.detach(client, WAIT, IncusObjects.located(client, a, before), a);
        delete(before);
        create(after);
        users.reattach(plan);
    }

    private void delete(Resource r) {
        Address a = r.address();
        if (a.kind() == Kind.INSTANCE && r.field("state").equals("running")) {
            setState(a, "stop");
        }
        IncusObjects.located(client, a, r).delete(WAIT);
    }

    /** Starts or stops an instance; a start also waits for its IPv4 lease when the options ask for it. */
    private void setState(Address a, String action) {
        client.instances().setState(a.scope(), a.name(), action, action.equals("stop"), WAIT);
        if (action.equals("start")) {
            ipv4Lease.ifPresent(timeout -> LeaseWait.await(client, a, timeout));
        }
    }
}
