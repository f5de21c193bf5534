package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * One object of the REST API handled as JSON, for callers that edit objects field by field and must keep the keys
 * they do not know (the apply engine, ownership marks, the lab lock, volume users): read it with its ETag, write
 * it back with If-Match, create it in its collection, PATCH or delete it. Every write waits up to {@code wait} for
 * the operation it starts, and fails with the daemon's error. Made by the typed clients
 * ({@link Instances#object}, {@link Networks#object}, {@link UsedBy#object}, …) so that no caller spells a path.
 * Immutable.
 */
public final class ApiObject {

    private final IncusClient client;
    private final ApiPath collection;
    private final ApiPath path;

    /** {@code collection}: where the object is created (null: it cannot be, e.g. one named by a used_by entry). */
    ApiObject(IncusClient client, ApiPath collection, ApiPath path) {
        this.client = client;
        this.collection = collection;
        this.path = path;
    }

    /**
     * The same object as {@code member} sees it ({@code ?target=}: a per-member part of a network or pool, a volume
     * on a local pool); null leaves it as it is.
     */
    public ApiObject on(String member) {
        return new ApiObject(client, collection, path.target(member));
    }

    /** The object with its ETag, to send back with {@link #replace}. */
    public Tagged<JsonNode> read() {
        return client.getTagged(path, new TypeReference<JsonNode>() { });
    }

    /** The object, without its ETag (nothing will be written back under it). */
    public JsonNode get() {
        return get(new TypeReference<JsonNode>() { });
    }

    /** The object mapped to {@code type}, without its ETag. */
    public <T> T get(TypeReference<T> type) {
        return client.get(path, type);
    }

    /**
     * POSTs {@code body} (which names the object) to its collection, on {@code member} when not null
     * ({@code ?target=}: a cluster member's part, or where a new instance or local volume goes).
     */
    public void create(JsonNode body, String member, Duration wait) {
        if (collection == null) {
            throw new IllegalStateException(path + " names no collection to create it in");
        }
        client.call("POST", collection.target(member), body, null, wait);
    }

    /** PUTs the whole object, guarded by {@code etag} from {@link #read} (a concurrent change → 412, CHANGED). */
    public void replace(JsonNode body, String etag, Duration wait) {
        client.call("PUT", path, body, etag, wait);
    }

    /** PATCHes the keys {@code body} holds (merged by the daemon), unguarded. */
    public void patch(Object body, Duration wait) {
        client.call("PATCH", path, body, null, wait);
    }

    public void delete(Duration wait) {
        client.call("DELETE", path, null, null, wait);
    }

    @Override
    public String toString() {
        return path.render();
    }
}
