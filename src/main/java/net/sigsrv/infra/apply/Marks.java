package net.sigsrv.infra.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;
import net.sigsrv.infra.incus.ApiObject;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.plan.Resource;

/**
 * Ownership marks on existing objects: {@code infra adopt} adds this lab's key and the description mark to objects
 * the spec names, so later plans manage them ({@link #take}: only while they carry the mark the plan saw, none or
 * the lab {@code --from-lab} names); {@code infra forget} removes them, so plans leave the object alone
 * (and never delete it). Both are ETag-guarded read-modify-writes of that one key and the description.
 */
public final class Marks {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private Marks() {
    }

    public static void mark(IncusClient client, Resource observed, String lab) {
        change(client, observed, lab);
    }

    /** The mark changed between the plan and the write: someone else adopted, forgot or marked it meanwhile. */
    public static final class MarkChanged extends RuntimeException {
        MarkChanged(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Marks {@code observed} as {@code lab}'s only if it still carries the mark it had when planned: {@code from}
     * (another lab's name) or none. Checked on the object read for the ETag-guarded write, so a lab's object is
     * never taken unless the user named that lab.
     */
    public static void take(IncusClient client, Resource observed, Optional<String> from, String lab) {
        ApiObject object = IncusObjects.located(client, observed.address(), observed);
        Tagged<JsonNode> current = object.read();
        String now = current.value().path("config").path(Ownership.KEY).asText("");
        if (!now.equals(from.orElse(""))) {
            throw new MarkChanged(observed.address() + " is now " + (now.isEmpty() ? "unmarked" : "marked by lab '"
                    + now + "'") + ", not " + from.map(f -> "by lab '" + f + "'").orElse("unmarked")
                    + " as planned; nothing was changed for it, run adopt again");
        }
        write(object, current, lab);
    }

    public static void unmark(IncusClient client, Resource observed) {
        change(client, observed, null);
    }

    private static void change(IncusClient client, Resource observed, String lab) {
        ApiObject object = IncusObjects.located(client, observed.address(), observed);
        write(object, object.read(), lab);
    }

    private static void write(ApiObject object, Tagged<JsonNode> current, String lab) {
        ObjectNode body = ((ObjectNode) current.value()).deepCopy();
        ObjectNode config = body.get("config") instanceof ObjectNode c ? c : body.putObject("config");
        String description = Ownership.strip(body.path("description").asText(""));
        if (lab == null) {
            config.remove(Ownership.KEY);
            body.put("description", description);
        } else {
            config.put(Ownership.KEY, lab);
            body.put("description", Ownership.describe(description));
        }
        object.replace(body, current.etag(), WAIT);
    }
}
