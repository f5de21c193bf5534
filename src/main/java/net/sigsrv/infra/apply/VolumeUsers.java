package net.sigsrv.infra.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import net.sigsrv.infra.incus.ApiObject;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.incus.UsedBy;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Privilege;

/**
 * The daemon refuses to delete a custom volume that an instance or profile mounts, so replacing one (a new content
 * type or member) takes three steps: its users let go of it (their own disk devices naming it are removed, with
 * If-Match), the volume is deleted and created anew, and the users get their devices back ({@link #reattach}).
 * Containers let go of a mounted volume while running; what the new volume holds is what the replacement made (a
 * replacement does not carry data over). A volume a protected instance mounts is never replaced here (the plan
 * blocks it; this is the check at the moment it would happen).
 */
final class VolumeUsers {

    /** The disk devices one user (instance or profile, as the volume's used_by names it) had on the volume. */
    private record Detached(UsedBy user, Address address, Map<String, JsonNode> devices) {
    }

    private final IncusClient client;
    private final Duration wait;
    private final List<Detached> detached = new ArrayList<>();

    private VolumeUsers(IncusClient client, Duration wait) {
        this.client = client;
        this.wait = wait;
    }

    /**
     * A replacement refused because a protected instance mounts the volume (directly or through a profile): the plan
     * shows such a change BLOCKED, so only a plan made before the instance was protected, or edited, gets here.
     */
    static final class MountedByProtected extends RuntimeException {
        MountedByProtected(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Takes the volume {@code located} ({@code volume}: its plan address) away from all its users; refuses, before
     * changing anything, when one of them is a protected instance or a profile of one.
     */
    static VolumeUsers detach(IncusClient client, Duration wait, ApiObject located, Address volume) {
        VolumeUsers users = new VolumeUsers(client, wait);
        JsonNode current = located.get();
        Map<UsedBy, Address> found = new LinkedHashMap<>();
        for (JsonNode url : current.path("used_by")) {
            UsedBy user = UsedBy.parse(url.asText());
            Address address = addressOf(user);
            if (address != null) {
                found.put(user, address);
            }
        }
        for (Map.Entry<UsedBy, Address> user : found.entrySet()) {
            users.protectedUser(user.getKey(), user.getValue()).ifPresent(keeper -> {
                throw new MountedByProtected(volume + " is mounted by protected instance " + keeper
                        + (keeper.equals(user.getValue()) ? "" : " (through " + user.getValue() + ")")
                        + " and would be replaced (a replacement starts empty); nothing was changed");
            });
        }
        found.forEach((user, address) -> users.detachFrom(user, address, volume.pool(), volume.name()));
        return users;
    }

    /** The protected instance {@code user} is, or for a profile one that uses it. */
    private Optional<Address> protectedUser(UsedBy user, Address address) {
        JsonNode object = user.object(client).get();
        if (address.kind() == Kind.INSTANCE) {
            return Privilege.isTrue(object.path("config").path("security.protection.delete").asText(""))
                    ? Optional.of(address) : Optional.empty();
        }
        for (JsonNode url : object.path("used_by")) {
            UsedBy instance = UsedBy.parse(url.asText());
            Address a = addressOf(instance);
            if (a != null && a.kind() == Kind.INSTANCE) {
                Optional<Address> keeper = protectedUser(instance, a);
                if (keeper.isPresent()) {
                    return keeper;
                }
            }
        }
        return Optional.empty();
    }

    private void detachFrom(UsedBy user, Address address, String pool, String name) {
        Map<String, JsonNode> mine = new LinkedHashMap<>();
        editDevices(user, devices -> {
            devices.properties().forEach(d -> {
                JsonNode dev = d.getValue();
                if ("disk".equals(dev.path("type").asText()) && pool.equals(dev.path("pool").asText())
                        && name.equals(dev.path("source").asText())) {
                    mine.put(d.getKey(), dev.deepCopy());
                }
            });
            mine.keySet().forEach(devices::remove);
            return !mine.isEmpty(); // none: mounted through a profile, and detaching from the profile covers it
        });
        if (!mine.isEmpty()) {
            detached.add(new Detached(user, address, mine));
        }
    }

    /** Reads {@code user} with its ETag, lets {@code edit} change its devices, and writes it back if it says so. */
    private void editDevices(UsedBy user, Predicate<ObjectNode> edit) {
        ApiObject object = user.object(client);
        Tagged<JsonNode> current = object.read();
        ObjectNode body = ((ObjectNode) current.value()).deepCopy();
        if (edit.test(body.withObject("devices"))) {
            object.replace(body, current.etag(), wait);
        }
    }

    /**
     * Gives the users their devices back, on the new volume. {@code changes} are the plan's, by address: a user the
     * plan deletes or replaces gets nothing (its new version is created with the disk); one the plan updates gets
     * the device as the spec has it (its update then finds it in place), or nothing when the spec drops it.
     */
    void reattach(Map<Address, Change> changes) {
        for (Detached d : detached) {
            Change change = changes.get(d.address());
            Action action = change == null ? Action.NOOP : change.action();
            if (action == Action.DELETE || action == Action.REPLACE) {
                continue;
            }
            Map<String, JsonNode> devices = new LinkedHashMap<>(d.devices());
            if (action == Action.UPDATE) {
                Resource wanted = change.after().orElseThrow();
                devices.replaceAll((device, old) -> desired(wanted, device));
                devices.values().removeIf(Objects::isNull);
            }
            if (devices.isEmpty()) {
                continue;
            }
            editDevices(d.user(), into -> {
                devices.forEach(into::set);
                return true;
            });
        }
    }

    /** Device {@code device} of {@code r} as the API writes it, or null when {@code r} has no such device. */
    private static JsonNode desired(Resource r, String device) {
        String prefix = "devices." + device + ".";
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        r.fields().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out.isEmpty() ? null : out;
    }

    /** The plan address of a {@code used_by} entry: an instance or a profile, with its project. */
    private static Address addressOf(UsedBy user) {
        return switch (user.type()) {
            case INSTANCE -> Address.scoped(Kind.INSTANCE, user.project(), user.name());
            case PROFILE -> Address.scoped(Kind.PROFILE, user.project(), user.name());
            default -> null;
        };
    }
}
