package net.sigsrv.infra.spec.model;

import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.diag.SourcePos;

/**
 * One Talos machine-config patch of a cluster, a node group or a node: either {@code inline}, the map written in
 * the spec (a tree of {@code Map<String, Object>} in the written key order, {@code List<Object>}, {@code String},
 * {@code Long}, {@code java.math.BigInteger}, {@code Double}, {@code Boolean} and {@code null} leaves, all
 * unmodifiable), or a {@code file} to read it from, as written (relative to the spec's directory). Exactly one of
 * the two is present.
 *
 * @param at where the patch is written in the spec
 */
public record Patch(Optional<String> file, Optional<Map<String, Object>> inline, SourcePos at) {

    public Patch {
        if (file.isPresent() == inline.isPresent()) {
            throw new IllegalArgumentException("a patch is inline or a file, not both nor neither");
        }
    }

    public static Patch ofFile(String file, SourcePos at) {
        return new Patch(Optional.of(file), Optional.empty(), at);
    }

    public static Patch inline(Map<String, Object> tree, SourcePos at) {
        return new Patch(Optional.empty(), Optional.of(tree), at);
    }

    /** How messages name the patch: its file, or "the patch at line N" (of the spec). */
    public String describe() {
        return file.map(f -> "patch file " + f).orElseGet(() -> "the patch at line " + at.line());
    }
}
