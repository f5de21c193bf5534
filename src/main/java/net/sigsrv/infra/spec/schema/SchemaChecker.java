package net.sigsrv.infra.spec.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.diag.Excerpt;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.yaml.YamlNodes;
import net.sigsrv.infra.values.Size;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Checks a node tree against a {@link Type}: unknown keys (with a suggestion), wrong types, missing required keys,
 * duplicate keys, bad enum values and unparsable sizes. Reports every problem it finds; a subtree of the wrong
 * shape is reported once and not descended into.
 *
 * <p>Rule IDs: {@code schema-unknown-key}, {@code schema-type}, {@code schema-required}, {@code schema-enum},
 * {@code schema-range}, {@code yaml-duplicate-key}, {@code yaml-too-complex}.
 */
public final class SchemaChecker {

    /** Upper bound on nodes visited, counting each alias expansion; stops alias bombs that stay under the limit. */
    static final int MAX_VISITS = 2_000_000;

    private final String file;
    private final Diagnostics diags = new Diagnostics();
    private final List<Span> misspelledIn = new ArrayList<>();
    private int visits;

    private SchemaChecker(String file) {
        this.file = file;
    }

    /** A stretch of the source, {@code start} inclusive, {@code end} exclusive. */
    public record Span(SourcePos start, SourcePos end) {
        public boolean contains(SourcePos pos) {
            return start.compareTo(pos) <= 0 && pos.compareTo(end) < 0;
        }
    }

    /**
     * What checking found: the problems, and the objects holding a misspelled key (an unknown key close to a
     * known one). Such an object lacks a value the user meant to give, so what the lab rules say about it is
     * likely a consequence of the typo rather than a problem of its own.
     */
    public record Result(Diagnostics diagnostics, List<Span> misspelledIn) {
        public Result {
            misspelledIn = List.copyOf(misspelledIn);
        }
    }

    public static Diagnostics check(Node root, Type.Obj schema, String file) {
        return checkAll(root, schema, file).diagnostics();
    }

    public static Result checkAll(Node root, Type.Obj schema, String file) {
        SchemaChecker checker = new SchemaChecker(file);
        try {
            checker.visit(root, schema, "");
        } catch (TooComplex e) {
            checker.diags.error("yaml-too-complex", SourcePos.startOf(file), file + " expands to more than "
                    + MAX_VISITS + " YAML nodes (aliases expanded); write it out plainly");
        }
        return new Result(checker.diags, checker.misspelledIn);
    }

    private void visit(Node node, Type type, String path) {
        if (++visits > MAX_VISITS) {
            throw new TooComplex();
        }
        switch (type) {
            case Type.Obj obj -> visitObject(node, obj, path);
            case Type.ListOf list -> visitList(node, list, path);
            case Type.MapOf map -> visitMap(node, map, path);
            case Type.Scalar scalar -> visitScalar(node, scalar, path);
            case Type.Patch patch -> visitPatch(node, patch, path);
        }
    }

    /** A patch's own keys are Talos's: only its shape is checked here (and duplicate keys, which YAML drops). */
    private void visitPatch(Node node, Type.Patch patch, String path) {
        if (node instanceof MappingNode) {
            keys(node, path);
        } else if (!(node instanceof ScalarNode s) || !s.getTag().equals(Tag.STR) || s.getValue().isBlank()) {
            typeError(node, path, patch.describe());
        }
    }

    private void visitObject(Node node, Type.Obj obj, String path) {
        if (!(node instanceof MappingNode)) {
            typeError(node, path, obj.describe() + " (a map of keys)");
            return;
        }
        Map<String, Node> seen = keys(node, path);
        Set<String> misspelled = new HashSet<>();
        for (NodeTuple t : YamlNodes.entries(node)) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                continue;
            }
            String key = k.getValue();
            Optional<Field> field = obj.field(key);
            if (field.isEmpty()) {
                Optional<String> meant = Suggest.closest(key, obj.keys());
                meant.ifPresent(misspelled::add);
                add(Diagnostic.error("schema-unknown-key", pos(k), where(path) + "unknown key '" + Excerpt.of(key)
                        + "' in " + obj.describe() + Suggest.hint(meant))
                        .withDetail("Known keys: " + String.join(", ", obj.keys()) + ".")
                        .withSubject(path));
            } else if (!YamlNodes.isNull(t.getValueNode())) {
                visit(t.getValueNode(), field.get().type(), join(path, key));
            }
        }
        if (!misspelled.isEmpty()) {
            misspelledIn.add(new Span(pos(node), node.getEndMark().map(m -> new SourcePos(file, m.getLine() + 1,
                    m.getColumn() + 1)).orElse(pos(node))));
        }
        for (Field f : obj.fields()) {
            Node value = seen.get(f.key());
            // A required key that is only misspelled was reported as such, with the right spelling.
            if (f.required() && value == null && misspelled.contains(f.key())) {
                continue;
            }
            if (f.required() && (value == null || YamlNodes.isNull(value) || isBlankString(value, f))) {
                SourcePos at = value == null ? pos(node) : pos(value);
                add(Diagnostic.error("schema-required", at, where(path) + obj.describe() + " needs '" + f.key()
                        + "' (" + f.type().describe() + ")" + (value == null ? ""
                        : YamlNodes.isNull(value) ? ", but it has no value" : ", but it is empty"))
                        .withDetail(f.doc()).withSubject(path));
            }
        }
    }

    /** A required string written as {@code ""} or blanks says nothing, like a missing one. */
    private static boolean isBlankString(Node value, Field f) {
        return f.type() instanceof Type.Scalar s && s.kind() == Type.Kind.STRING && value instanceof ScalarNode v
                && v.getTag().equals(Tag.STR) && v.getValue().isBlank();
    }

    private void visitList(Node node, Type.ListOf list, String path) {
        if (!(node instanceof SequenceNode)) {
            typeError(node, path, list.describe());
            return;
        }
        int i = 0;
        for (Node item : YamlNodes.items(node)) {
            visit(item, list.element(), path + "[" + label(item, i++) + "]");
        }
    }

    private void visitMap(Node node, Type.MapOf map, String path) {
        if (!(node instanceof MappingNode)) {
            typeError(node, path, map.describe());
            return;
        }
        keys(node, path);
        for (NodeTuple t : YamlNodes.entries(node)) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                visit(t.getValueNode(), map.value(), path + "." + Excerpt.of(k.getValue()));
            }
        }
    }

    private void visitScalar(Node node, Type.Scalar scalar, String path) {
        if (!(node instanceof ScalarNode s)) {
            typeError(node, path, scalar.describe());
            return;
        }
        Tag tag = s.getTag();
        String value = s.getValue();
        switch (scalar.kind()) {
            case STRING -> {
                if (tag.equals(Tag.BOOL) || tag.equals(Tag.NULL)) {
                    typeError(node, path, "a string (quote it: \"" + Excerpt.of(value) + "\")");
                }
            }
            case ANY -> { }
            case BOOL -> {
                if (!tag.equals(Tag.BOOL)) {
                    typeError(node, path, "true or false");
                }
            }
            case INT -> checkInt(s, scalar, path);
            case SIZE -> {
                boolean ok = (tag.equals(Tag.INT) || tag.equals(Tag.STR)) && Size.parse(value).isPresent();
                if (!ok) {
                    add(Diagnostic.error("schema-type", pos(s), where(path) + "'" + Excerpt.of(value)
                            + "' is not a size")
                            .withDetail("Write a whole number with a unit: 512MiB, 4GiB, 100GiB, 2TiB (or kB, MB,"
                                    + " GB, TB), or a plain number of bytes.")
                            .withSubject(path));
                }
            }
            case ENUM -> {
                if (!scalar.values().contains(value)) {
                    add(Diagnostic.error("schema-enum", pos(s), where(path) + "'" + Excerpt.of(value)
                            + "' is not one of "
                            + String.join(", ", scalar.values()) + Suggest.hint(value, scalar.values()))
                            .withSubject(path));
                }
            }
        }
    }

    private void checkInt(ScalarNode s, Type.Scalar scalar, String path) {
        if (!s.getTag().equals(Tag.INT)) {
            typeError(s, path, scalar.describe());
            return;
        }
        long v;
        try {
            v = Long.decode(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            typeError(s, path, scalar.describe());
            return;
        }
        if (v < scalar.min() || v > scalar.max()) {
            add(Diagnostic.error("schema-range", pos(s), where(path) + Excerpt.of(s.getValue())
                    + " is out of range; expected "
                    + scalar.describe()).withSubject(path));
        }
    }

    /** Collects a mapping's scalar keys, reporting duplicates and non-scalar keys. */
    private Map<String, Node> keys(Node mapping, String path) {
        Map<String, Node> values = new HashMap<>();
        Map<String, ScalarNode> firstKey = new HashMap<>();
        for (NodeTuple t : YamlNodes.entries(mapping)) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                add(Diagnostic.error("schema-type", pos(t.getKeyNode()), where(path)
                        + "a key must be a plain word, got " + YamlNodes.describe(t.getKeyNode())).withSubject(path));
                continue;
            }
            ScalarNode first = firstKey.putIfAbsent(k.getValue(), k);
            if (first != null) {
                add(Diagnostic.error("yaml-duplicate-key", pos(k), where(path) + "duplicate key '"
                        + Excerpt.of(k.getValue())
                        + "' (first at line " + pos(first).line() + ", column " + pos(first).column() + ")")
                        .withDetail("YAML keeps only one of them; remove or rename the other.").withSubject(path));
            } else {
                values.put(k.getValue(), t.getValueNode());
            }
        }
        return values;
    }

    private void typeError(Node node, String path, String expected) {
        add(Diagnostic.error("schema-type", pos(node), where(path) + "expected " + expected + ", got "
                + YamlNodes.describe(node)).withSubject(path));
    }

    private void add(Diagnostic d) {
        diags.add(d);
    }

    private SourcePos pos(Node node) {
        return YamlNodes.pos(node, file);
    }

    private static String where(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** An element's label in a path: its {@code name} when it has one, else its index. */
    private static String label(Node item, int index) {
        return YamlNodes.get(item, "name").flatMap(YamlNodes::text).map(Excerpt::of).orElse(String.valueOf(index));
    }

    private static final class TooComplex extends RuntimeException {
        TooComplex() {
            super(null, null, false, false);
        }
    }

}
