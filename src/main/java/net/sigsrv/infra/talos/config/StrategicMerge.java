package net.sigsrv.infra.talos.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Merges a patch into a document the way Talos's strategic merge does for the {@code v1alpha1} document: maps
 * merge key by key, a scalar replaces a scalar (but an empty text or a zero leaves the document's value, as in
 * Talos), lists are appended to (except the few Talos replaces whole:
 * pod and service subnets, the audit policy), and a map holding {@code $patch: delete} removes its key.
 *
 * <p>Talos decodes a patch into its typed document before merging, so a patch that puts a map where the document
 * has a list or a scalar, or a text where it has a number or a boolean, is refused there; it is refused here too,
 * with the path, before any node sees it ({@link #merge} returns the first such conflict).
 */
final class StrategicMerge {

    /** Paths whose value a patch replaces rather than appends to or merges into (Talos's {@code merge:"replace"}). */
    private static final Set<String> REPLACED = Set.of("cluster.network.podSubnets", "cluster.network.serviceSubnets",
            "cluster.apiServer.auditPolicy");

    /** Why a patch cannot be merged: the path it breaks at and what it gives there against what is there. */
    record Conflict(String path, String message) {
    }

    private StrategicMerge() {
    }

    /** Merges {@code patch} into {@code doc} in place; a conflict leaves {@code doc} partly merged. */
    static Optional<Conflict> merge(Map<String, Object> doc, Map<String, Object> patch) {
        return mergeMap(doc, patch, "");
    }

    private static Optional<Conflict> mergeMap(Map<String, Object> doc, Map<String, Object> patch, String path) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            Object value = e.getValue();
            Object current = doc.get(key);
            if (value instanceof Map<?, ?> m && "delete".equals(m.get("$patch"))) {
                doc.remove(key);
                continue;
            }
            if (value == null) {
                return Optional.of(new Conflict(at, "sets " + at + " to nothing; to remove it, write"
                        + " `$patch: delete` in its map"));
            }
            if (current == null || REPLACED.contains(at)) {
                doc.put(key, copy(value));
                continue;
            }
            Optional<Conflict> conflict = mergeValue(doc, key, current, value, at);
            if (conflict.isPresent()) {
                return conflict;
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Optional<Conflict> mergeValue(Map<String, Object> doc, String key, Object current, Object value,
                                                 String at) {
        String have = kind(current);
        String give = kind(value);
        if (!have.equals(give)) {
            return Optional.of(new Conflict(at, "gives " + at + " " + give + ", where the document has "
                    + have));
        }
        if (current instanceof Map<?, ?>) {
            return mergeMap((Map<String, Object>) current, (Map<String, Object>) value, at);
        }
        if (current instanceof List<?> list) {
            List<Object> joined = new ArrayList<>(list);
            ((List<Object>) value).forEach(v -> joined.add(copy(v)));
            doc.put(key, joined);
            return Optional.empty();
        }
        if (!isZero(value)) {
            doc.put(key, value);
        }
        return Optional.empty();
    }

    /** Talos's merge leaves a value alone when the patch gives the zero of its type (but {@code false} counts). */
    private static boolean isZero(Object value) {
        return value instanceof String s && s.isEmpty() || value instanceof Number n && n.doubleValue() == 0;
    }

    /** What a value is, as Talos's typed decoding tells them apart. */
    static String kind(Object value) {
        return switch (value) {
            case Map<?, ?> m -> "a map";
            case List<?> l -> "a list";
            case Boolean b -> "true or false";
            case Integer i -> "a number";
            case Long l -> "a number";
            case BigInteger b -> "a number";
            case Double d -> "a number";
            default -> "a text";
        };
    }

    /** A deep, mutable copy in the same key order. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
