package net.sigsrv.infra.spec.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.constructor.StandardConstructor;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * A YAML subtree as plain Java values, typed by the YAML 1.2 core schema as snakeyaml-engine reads it: maps in
 * written order with text keys, lists, strings, whole numbers ({@code Integer}, {@code Long} or
 * {@code BigInteger}), {@code Double}, {@code Boolean} and {@code null}. Everything returned is unmodifiable.
 */
public final class YamlValues {

    private YamlValues() {
    }

    public static Object of(Node node) {
        Object raw = new StandardConstructor(LoadSettings.builder().build()).constructSingleDocument(Optional.of(node));
        return frozen(raw);
    }

    private static Object frozen(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), frozen(v)));
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(frozen(v)));
            return Collections.unmodifiableList(out);
        }
        return value;
    }
}
