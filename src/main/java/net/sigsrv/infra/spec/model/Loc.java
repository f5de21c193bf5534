package net.sigsrv.infra.spec.model;

import java.util.Map;
import net.sigsrv.infra.diag.SourcePos;

/**
 * Where a spec object and each of its keys' values stand in the file.
 *
 * @param at     the object itself
 * @param values the position of the value of each key present
 */
public record Loc(SourcePos at, Map<String, SourcePos> values) {

    public Loc {
        values = Ordered.copy(values);
    }

    /** The position of {@code key}'s value, or of the object when the key is absent. */
    public SourcePos of(String key) {
        return values.getOrDefault(key, at);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }
}
