package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Small JSON helpers for building API objects. */
final class J {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private J() {
    }

    static ObjectNode obj() {
        return NODES.objectNode();
    }

    static ArrayNode arr() {
        return NODES.arrayNode();
    }

    static ArrayNode arr(Collection<String> values) {
        ArrayNode a = arr();
        values.forEach(a::add);
        return a;
    }

    static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? fallback : v.asText();
    }

    /** A JSON object of strings as a sorted map (the daemon's config maps); absent → empty. */
    static Map<String, String> strings(JsonNode node) {
        Map<String, String> m = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        }
        return m;
    }

    static ObjectNode strings(Map<String, String> m) {
        ObjectNode o = obj();
        new TreeMap<>(m).forEach(o::put);
        return o;
    }

    /** Devices: name → key → value. */
    static Map<String, Map<String, String>> devices(JsonNode node) {
        Map<String, Map<String, String>> m = new TreeMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> m.put(e.getKey(), strings(e.getValue())));
        }
        return m;
    }

    static ObjectNode devices(Map<String, Map<String, String>> m) {
        ObjectNode o = obj();
        new TreeMap<>(m).forEach((k, v) -> o.set(k, strings(v)));
        return o;
    }
}
