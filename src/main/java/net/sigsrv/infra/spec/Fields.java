package net.sigsrv.infra.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.Patch;
import net.sigsrv.infra.spec.yaml.YamlNodes;
import net.sigsrv.infra.spec.yaml.YamlValues;
import net.sigsrv.infra.values.Size;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Typed reads from one YAML mapping that has already passed the schema check. Reads are lenient: a value of the
 * wrong shape (already reported by the checker) reads as absent, so binding never throws.
 */
final class Fields {

    private final Node node;
    private final String file;

    Fields(Node node, String file) {
        this.node = node;
        this.file = file;
    }

    Loc loc() {
        Map<String, SourcePos> values = new LinkedHashMap<>();
        Map<String, Map<String, SourcePos>> parts = new LinkedHashMap<>();
        for (NodeTuple t : YamlNodes.entries(node)) {
            if (t.getKeyNode() instanceof ScalarNode k && !YamlNodes.isNull(t.getValueNode())) {
                values.putIfAbsent(k.getValue(), YamlNodes.pos(t.getValueNode(), file));
                Map<String, SourcePos> p = parts(t.getValueNode());
                if (!p.isEmpty()) {
                    parts.putIfAbsent(k.getValue(), p);
                }
            }
        }
        return new Loc(YamlNodes.pos(node, file), values, parts);
    }

    /** Positions of a list's scalar items, or of a map's keys, by their text. */
    private Map<String, SourcePos> parts(Node value) {
        if (value instanceof ScalarNode) {
            return Map.of(); // most values: no items, no keys
        }
        Map<String, SourcePos> out = new LinkedHashMap<>();
        YamlNodes.items(value).forEach(item -> YamlNodes.text(item)
                .ifPresent(text -> out.putIfAbsent(text, YamlNodes.pos(item, file))));
        YamlNodes.entries(value).forEach(t -> YamlNodes.text(t.getKeyNode())
                .ifPresent(text -> out.putIfAbsent(text, YamlNodes.pos(t.getKeyNode(), file))));
        return out;
    }

    Optional<String> opt(String key) {
        return YamlNodes.get(node, key).flatMap(YamlNodes::text);
    }

    /** The text of {@code key}, or the empty string. */
    String str(String key) {
        return opt(key).orElse("");
    }

    String str(String key, String defaultValue) {
        return opt(key).orElse(defaultValue);
    }

    OptionalLong integer(String key) {
        Optional<String> text = opt(key);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.decode(text.get().replace("_", "")));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    long integer(String key, long defaultValue) {
        return integer(key).orElse(defaultValue);
    }

    OptionalLong size(String key) {
        return opt(key).map(Size::parse).orElse(OptionalLong.empty());
    }

    boolean bool(String key, boolean defaultValue) {
        return opt(key).map(v -> v.equalsIgnoreCase("true") ? Boolean.TRUE
                : v.equalsIgnoreCase("false") ? Boolean.FALSE : null).orElse(defaultValue);
    }

    List<String> strings(String key) {
        return YamlNodes.get(node, key).map(YamlNodes::items).orElse(List.of()).stream()
                .flatMap(n -> YamlNodes.text(n).stream()).toList();
    }

    /** A free-form map with scalar values as text; nested values are skipped. */
    Map<String, String> map(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeTuple t : YamlNodes.get(node, key).map(YamlNodes::entries).orElse(List.of())) {
            if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                out.putIfAbsent(k.getValue(), YamlNodes.isNull(v) ? "" : v.getValue());
            }
        }
        return out;
    }

    /** A list of patches: maps inline, strings as file names; items of another shape (reported) are skipped. */
    List<Patch> patches(String key) {
        return patches(YamlNodes.get(node, key).orElse(null));
    }

    /** A map of patch lists by a name the user chose (node names). */
    Map<String, List<Patch>> patchLists(String key) {
        Map<String, List<Patch>> out = new LinkedHashMap<>();
        for (NodeTuple t : YamlNodes.get(node, key).map(YamlNodes::entries).orElse(List.of())) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                out.putIfAbsent(k.getValue(), patches(t.getValueNode()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private List<Patch> patches(Node list) {
        List<Patch> out = new ArrayList<>();
        for (Node item : list == null ? List.<Node>of() : YamlNodes.items(list)) {
            SourcePos at = YamlNodes.pos(item, file);
            if (item instanceof MappingNode) {
                out.add(Patch.inline((Map<String, Object>) YamlValues.of(item), at));
            } else if (item instanceof ScalarNode s && !YamlNodes.isNull(s)) {
                out.add(Patch.ofFile(s.getValue(), at));
            }
        }
        return out;
    }

    Optional<Fields> obj(String key) {
        return YamlNodes.get(node, key).filter(Fields::isMapping).map(n -> new Fields(n, file));
    }

    <T> List<T> list(String key, Function<Fields, T> read) {
        List<T> out = new ArrayList<>();
        for (Node item : YamlNodes.get(node, key).map(YamlNodes::items).orElse(List.of())) {
            if (isMapping(item)) {
                out.add(read.apply(new Fields(item, file)));
            }
        }
        return out;
    }

    private static boolean isMapping(Node n) {
        return n instanceof MappingNode;
    }
}
