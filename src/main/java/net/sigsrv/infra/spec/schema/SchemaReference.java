package net.sigsrv.infra.spec.schema;

import java.util.ArrayList;
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
        Map<String, Type.Obj> objects = new LinkedHashMap<>();
        collect(root, "", objects);
        Map<String, String> found = new LinkedHashMap<>();
        examples.forEach(e -> harvest(e, root, "", found));
        StringBuilder s = new StringBuilder();
        objects.forEach((path, obj) -> {
            s.append("#### `").append(path.isEmpty() ? "(top level)" : path).append("` — ").append(obj.name())
                    .append("\n\n| key | type | default | example | meaning |\n|---|---|---|---|---|\n");
            for (Field f : obj.fields()) {
                String example = found.getOrDefault(join(path, f.key()), "");
                s.append("| `").append(f.key()).append("`").append(f.required() ? " (required)" : "")
                        .append(" | ").append(typeName(f.type())).append(" | ")
                        .append(f.defaultValue().isEmpty() ? "" : code(f.defaultValue())).append(" | ")
                        .append(example.isEmpty() ? "" : "`" + example.replace("|", "\\|") + "`").append(" | ")
                        .append(f.doc().replace("|", "\\|")).append(" |\n");
            }
            s.append('\n');
        });
        return s.toString();
    }

    private static String code(String defaultValue) {
        return defaultValue.contains(" ") && !defaultValue.startsWith("[") ? defaultValue : "`" + defaultValue + "`";
    }

    /** Every object type reachable from the root, keyed by its path (lists shown as {@code key[]}). */
    private static void collect(Type type, String path, Map<String, Type.Obj> out) {
        switch (type) {
            case Type.Obj obj -> {
                if (out.putIfAbsent(path, obj) == null) {
                    obj.fields().forEach(f -> collect(f.type(), join(path, f.key()), out));
                }
            }
            case Type.ListOf list -> collect(list.element(), path + "[]", out);
            case Type.MapOf map -> collect(map.value(), path + ".*", out);
            case Type.Scalar scalar -> { }
        }
    }

    private static void harvest(Node node, Type type, String path, Map<String, String> found) {
        switch (type) {
            case Type.Obj obj -> {
                for (NodeTuple t : YamlNodes.entries(node)) {
                    if (t.getKeyNode() instanceof ScalarNode k) {
                        Optional<Field> f = obj.field(k.getValue());
                        f.ifPresent(field -> harvest(t.getValueNode(), field.type(), join(path, field.key()), found));
                    }
                }
            }
            case Type.ListOf list -> {
                List<String> scalars = new ArrayList<>();
                for (Node item : YamlNodes.items(node)) {
                    if (item instanceof ScalarNode sc) {
                        scalars.add(sc.getValue());
                    }
                    harvest(item, list.element(), path + "[]", found);
                }
                if (!scalars.isEmpty()) {
                    found.putIfAbsent(path, "[" + String.join(", ", scalars) + "]");
                }
            }
            case Type.MapOf map -> {
                List<String> pairs = new ArrayList<>();
                for (NodeTuple t : YamlNodes.entries(node)) {
                    if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                        pairs.add(k.getValue() + ": " + v.getValue());
                    }
                }
                if (!pairs.isEmpty()) {
                    found.putIfAbsent(path, "{" + String.join(", ", pairs) + "}");
                }
            }
            case Type.Scalar scalar -> YamlNodes.text(node).ifPresent(v -> found.putIfAbsent(path, v));
        }
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
        };
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
