package net.sigsrv.infra.spec.schema;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.spec.yaml.YamlNodes;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * The spec reference in Markdown: one table per object (key, type, default, example, meaning). Examples are taken
 * from real example specs — the first value each key has there — so the reference never shows an example that
 * the tool would reject.
 */
public final class SchemaReference {

    private SchemaReference() {
    }

    public static String markdown(Type.Obj root, List<Node> examples) {
        Map<Type.Obj, String> objects = new LinkedHashMap<>();
        collect(root, "", objects);
        Map<Type.Obj, Map<String, String>> found = new IdentityHashMap<>();
        examples.forEach(e -> harvest(e, root, found));
        StringBuilder s = new StringBuilder();
        objects.forEach((obj, path) -> {
            s.append("#### `").append(path.isEmpty() ? "(top level)" : path).append("` — ").append(obj.name())
                    .append("\n\n| key | type | default | example | meaning |\n|---|---|---|---|---|\n");
            for (Field f : obj.fields()) {
                String example = nested(f.type()).map(o -> "see `" + objects.get(o) + "`")
                        .orElseGet(() -> {
                            String e = found.getOrDefault(obj, Map.of()).getOrDefault(f.key(), "");
                            return e.isEmpty() ? "" : "`" + e.replace("|", "\\|") + "`";
                        });
                s.append("| `").append(f.key()).append("`").append(f.required() ? " (required)" : "")
                        .append(" | ").append(typeName(f.type())).append(" | ")
                        .append(f.defaultValue().isEmpty() ? "" : code(f.defaultValue())).append(" | ")
                        .append(example).append(" | ")
                        .append(f.doc().replace("|", "\\|")).append(" |\n");
            }
            s.append('\n');
        });
        return s.toString();
    }

    private static String code(String defaultValue) {
        return defaultValue.contains(" ") && !defaultValue.startsWith("[") ? defaultValue : "`" + defaultValue + "`";
    }

    /** The object a field holds directly or as list elements, which has its own table. */
    private static Optional<Type.Obj> nested(Type type) {
        return switch (type) {
            case Type.Obj obj -> Optional.of(obj);
            case Type.ListOf list -> list.element() instanceof Type.Obj obj ? Optional.of(obj) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /** Every object type reachable from the root, once, with the first path it is reached by. */
    private static void collect(Type type, String path, Map<Type.Obj, String> out) {
        switch (type) {
            case Type.Obj obj -> {
                if (!out.containsKey(obj)) {
                    out.put(obj, path);
                    obj.fields().forEach(f -> collect(f.type(), join(path, f.key()), out));
                }
            }
            case Type.ListOf list -> collect(list.element(), path + "[]", out);
            case Type.MapOf map -> collect(map.value(), path + ".*", out);
            case Type.Scalar scalar -> { }
            case Type.Patch patch -> { }
        }
    }

    /** Records, per object type, the first example value of each scalar, list-of-scalars or map field. */
    private static void harvest(Node node, Type.Obj obj, Map<Type.Obj, Map<String, String>> found) {
        Map<String, String> mine = found.computeIfAbsent(obj, o -> new LinkedHashMap<>());
        for (NodeTuple t : YamlNodes.entries(node)) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                continue;
            }
            Optional<Field> field = obj.field(k.getValue());
            if (field.isEmpty()) {
                continue;
            }
            Node value = t.getValueNode();
            switch (field.get().type()) {
                case Type.Obj child -> harvest(value, child, found);
                case Type.ListOf list when list.element() instanceof Type.Patch ->
                        patchesExample(value).ifPresent(v -> mine.putIfAbsent(k.getValue(), v));
                case Type.MapOf map when map.value() instanceof Type.ListOf l && l.element() instanceof Type.Patch -> {
                    for (NodeTuple e : YamlNodes.entries(value)) {
                        if (e.getKeyNode() instanceof ScalarNode ek) {
                            patchesExample(e.getValueNode()).ifPresent(v -> mine.putIfAbsent(k.getValue(),
                                    "{" + ek.getValue() + ": " + v + "}"));
                        }
                    }
                }
                case Type.ListOf list -> {
                    if (list.element() instanceof Type.Obj child) {
                        YamlNodes.items(value).forEach(item -> harvest(item, child, found));
                    } else {
                        List<String> items = YamlNodes.items(value).stream()
                                .flatMap(n -> YamlNodes.text(n).stream()).toList();
                        if (!items.isEmpty()) {
                            mine.putIfAbsent(k.getValue(), "[" + String.join(", ", items) + "]");
                        }
                    }
                }
                case Type.MapOf map -> {
                    List<String> pairs = new ArrayList<>();
                    for (NodeTuple e : YamlNodes.entries(value)) {
                        if (e.getKeyNode() instanceof ScalarNode ek && e.getValueNode() instanceof ScalarNode ev) {
                            pairs.add(ek.getValue() + ": " + ev.getValue());
                        }
                    }
                    if (!pairs.isEmpty()) {
                        mine.putIfAbsent(k.getValue(), "{" + String.join(", ", pairs) + "}");
                    }
                }
                case Type.Scalar scalar -> YamlNodes.text(value).ifPresent(v -> mine.putIfAbsent(k.getValue(), v));
                case Type.Patch patch -> { }
            }
        }
    }

    /** A list of patches in short: its first patch, a file name or the first key of an inline map. */
    private static Optional<String> patchesExample(Node list) {
        return YamlNodes.items(list).stream().findFirst().map(first -> "[" + YamlNodes.text(first).orElseGet(() ->
                YamlNodes.entries(first).stream().findFirst().flatMap(t -> YamlNodes.text(t.getKeyNode()))
                        .map(key -> "{" + key + ": …}").orElse("{}")) + "]");
    }

    private static String typeName(Type type) {
        return switch (type) {
            case Type.Obj obj -> obj.name();
            case Type.ListOf list -> "list of " + typeName(list.element());
            case Type.MapOf map -> "map of " + typeName(map.value());
            case Type.Scalar scalar -> switch (scalar.kind()) {
                case ENUM -> String.join(" \\| ", scalar.values());
                case INT -> scalar.min() == Long.MIN_VALUE ? "integer" : "integer " + scalar.min() + "–" + scalar.max();
                case SIZE -> "size";
                case BOOL -> "boolean";
                case STRING -> "string";
                case ANY -> "scalar";
            };
            case Type.Patch patch -> "patch";
        };
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
