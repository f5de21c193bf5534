package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a mutating request changes, by name ({@link RequestListener.Change}), for the audit log. A PUT sends the
 * whole object; to name only the keys whose value differs, the objects read with an ETag are kept (the last few
 * hundred) and compared with the body sent back under that ETag. Values are compared, never kept in the result.
 * Thread-safe.
 */
final class RequestChanges {

    private static final int KEEP = 256;

    private final Map<String, JsonNode> read = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> eldest) {
            return size() > KEEP;
        }
    };

    /** Remembers an object read with its ETag, to compare a later PUT with. */
    synchronized void read(ApiPath path, String etag, JsonNode metadata) {
        if (etag != null && !etag.isEmpty() && metadata != null && metadata.isObject()) {
            read.put(key(etag, path), metadata);
        }
    }

    RequestListener.Change of(String method, ApiPath path, Object body, String ifMatch) {
        if (body == null) {
            return RequestListener.Change.NONE;
        }
        JsonNode after;
        try {
            after = Json.MAPPER.valueToTree(body);
        } catch (IllegalArgumentException e) {
            return RequestListener.Change.NONE;
        }
        if (after == null || !after.isObject()) {
            return RequestListener.Change.NONE;
        }
        String name = method.equals("POST") && after.path("name").isTextual() ? after.path("name").asText() : null;
        List<String> argv = new ArrayList<>();
        if (method.equals("POST") && path.path().endsWith("/exec")) {
            after.path("command").forEach(a -> argv.add(a.asText()));
        }
        JsonNode before;
        synchronized (this) {
            before = method.equals("PUT") && ifMatch != null ? read.get(key(ifMatch, path)) : null;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("name") && name != null || !argv.isEmpty() && f.getKey().equals("command")) {
                continue;
            }
            keys.addAll(changed(f.getKey(), before == null ? null : before.get(f.getKey()), f.getValue(),
                    before != null));
        }
        return new RequestListener.Change(name, List.copyOf(keys), List.copyOf(argv));
    }

    /** An object read and the PUT that writes it back meet on the ETag, the path and the project (not recursion). */
    private static String key(String etag, ApiPath path) {
        return etag + " " + path.path() + " " + path.query().getOrDefault("project", "default");
    }

    /** The names under {@code field} that differ (all of them when there is nothing to compare with). */
    private static List<String> changed(String field, JsonNode before, JsonNode after, boolean compare) {
        List<String> out = new ArrayList<>();
        if (compare && after.equals(before)) {
            return out;
        }
        if (!after.isObject() || after.isEmpty() && (before == null || before.isEmpty())) {
            out.add(field);
            return out;
        }
        after.fieldNames().forEachRemaining(k -> {
            if (!compare || before == null || !after.get(k).equals(before.get(k))) {
                out.add(field + "." + k);
            }
        });
        if (compare && before != null && before.isObject()) {
            before.fieldNames().forEachRemaining(k -> {
                if (!after.has(k)) {
                    out.add(field + "." + k);
                }
            });
        }
        return out;
    }
}
