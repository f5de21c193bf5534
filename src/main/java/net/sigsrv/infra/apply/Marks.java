package net.sigsrv.infra.apply;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.plan.Resource;

/**
 * Ownership marks on existing objects: {@code infra adopt} adds this lab's key and the description mark to objects
 * the spec names, so later plans manage them; {@code infra forget} removes them, so plans leave the object alone
 * (and never delete it). Both are ETag-guarded read-modify-writes of that one key and the description.
 */
public final class Marks {

    private static final Duration WAIT = Duration.ofMinutes(1);

    private Marks() {
    }

    public static void mark(IncusClient client, Resource observed, String lab) {
        change(client, observed, lab);
    }

    public static void unmark(IncusClient client, Resource observed) {
        change(client, observed, null);
    }

    private static void change(IncusClient client, Resource observed, String lab) {
        ApiPath path = ApiPaths.located(observed.address(), observed);
        Tagged<JsonNode> current = client.getTagged(path, new TypeReference<JsonNode>() { });
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
        client.call("PUT", path, body, current.etag(), WAIT);
    }
}
