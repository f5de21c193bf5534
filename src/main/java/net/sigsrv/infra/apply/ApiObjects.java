package net.sigsrv.infra.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.sigsrv.infra.plan.FieldChange;

/**
 * Between a plan's flat fields and the API's JSON: {@code config.K} → {@code config{K}}, {@code devices.D.K} →
 * {@code devices{D{K}}}, {@code ingress.N.K} / {@code entries.N.K} → lists of objects, {@code profiles} → a list,
 * anything else → a top-level string. Field names never contain the separator in a way that matters: config keys
 * keep their dots because only the first segment is split off.
 */
final class ApiObjects {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> LISTS = List.of("ingress", "egress", "entries");

    private ApiObjects() {
    }

    /** A fresh JSON object holding {@code fields} (for POST bodies). */
    static ObjectNode fromFields(Map<String, String> fields) {
        ObjectNode o = NODES.objectNode();
        o.putObject("config");
        new TreeMap<>(fields).forEach((k, v) -> set(o, k, v));
        return o;
    }

    /** Applies field changes to an object read from the API (for PUT bodies): sets, changes and removals. */
    static void apply(ObjectNode object, List<FieldChange> changes) {
        for (FieldChange c : changes) {
            if (c.after() == null) {
                remove(object, c.field());
            } else {
                set(object, c.field(), c.after());
            }
        }
        for (String list : LISTS) {
            if (object.get(list) instanceof ArrayNode a) {
                for (int i = a.size() - 1; i >= 0; i--) {
                    if (a.get(i) == null || a.get(i).isNull() || a.get(i).isEmpty()) {
                        a.remove(i);
                    }
                }
            }
        }
    }

    static void set(ObjectNode o, String field, String value) {
        int dot = field.indexOf('.');
        String head = dot < 0 ? field : field.substring(0, dot);
        String rest = dot < 0 ? "" : field.substring(dot + 1);
        switch (head) {
            case "config" -> obj(o, "config").put(rest, value);
            case "devices" -> {
                int d = rest.indexOf('.');
                obj(obj(o, "devices"), rest.substring(0, d)).put(rest.substring(d + 1), value);
            }
            case "ingress", "egress", "entries" -> {
                int d = rest.indexOf('.');
                int index = Integer.parseInt(rest.substring(0, d));
                ArrayNode a = o.get(head) instanceof ArrayNode existing ? existing : o.putArray(head);
                while (a.size() <= index) {
                    a.addObject();
                }
                String key = rest.substring(d + 1);
                if (head.equals("entries") && key.equals("ttl")) {
                    ((ObjectNode) a.get(index)).put(key, Long.parseLong(value));
                } else {
                    ((ObjectNode) a.get(index)).put(key, value);
                }
            }
            case "profiles" -> {
                ArrayNode a = o.putArray("profiles");
                for (String p : value.split(",")) {
                    if (!p.isBlank()) {
                        a.add(p);
                    }
                }
            }
            case "state", "location" -> { }
            default -> o.put(field, value);
        }
    }

    private static void remove(ObjectNode o, String field) {
        int dot = field.indexOf('.');
        String head = dot < 0 ? field : field.substring(0, dot);
        String rest = dot < 0 ? "" : field.substring(dot + 1);
        switch (head) {
            case "config" -> obj(o, "config").remove(rest);
            case "devices" -> {
                int d = rest.indexOf('.');
                ObjectNode device = obj(obj(o, "devices"), rest.substring(0, d));
                device.remove(rest.substring(d + 1));
                if (device.isEmpty()) {
                    obj(o, "devices").remove(rest.substring(0, d));
                }
            }
            case "ingress", "egress", "entries" -> {
                int d = rest.indexOf('.');
                int index = Integer.parseInt(rest.substring(0, d));
                if (o.get(head) instanceof ArrayNode a && index < a.size() && a.get(index) instanceof ObjectNode r) {
                    r.remove(rest.substring(d + 1));
                }
            }
            case "state", "location", "profiles" -> { }
            default -> o.remove(field);
        }
    }

    private static ObjectNode obj(ObjectNode parent, String key) {
        JsonNode n = parent.get(key);
        if (n instanceof ObjectNode o) {
            return o;
        }
        return parent.putObject(key);
    }
}
