package net.sigsrv.infra.spec.model;

import java.util.LinkedHashMap;
import java.util.Map;
import net.sigsrv.infra.diag.SourcePos;

/**
 * Where a spec object and each of its keys' values stand in the file.
 *
 * @param at     the object itself
 * @param values the position of the value of each key present
 * @param parts  for a value that is a list of words or a map, the position of each item or map key, by its text
 *               (the first one when it repeats)
 */
public record Loc(SourcePos at, Map<String, SourcePos> values, Map<String, Map<String, SourcePos>> parts) {

    public Loc {
        values = Ordered.copy(values);
        Map<String, Map<String, SourcePos>> copy = new LinkedHashMap<>();
        parts.forEach((key, p) -> copy.put(key, Ordered.copy(p)));
        parts = Ordered.copy(copy);
    }

    public Loc(SourcePos at, Map<String, SourcePos> values) {
        this(at, values, Map.of());
    }

    /** The position of {@code key}'s value, or of the object when the key is absent. */
    public SourcePos of(String key) {
        return values.getOrDefault(key, at);
    }

    /**
     * The position of one item of {@code key}'s list, or one key of its map ({@code part}); falls back to the
     * value's position.
     */
    public SourcePos of(String key, String part) {
        return parts.getOrDefault(key, Map.of()).getOrDefault(part, of(key));
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
