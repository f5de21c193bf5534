package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Network zones with their records, and network ACLs: objects kept as the API shows them. ACL rules are stored
 * without empty fields, as the daemon answers them.
 */
final class ZonesAndAcls {

    private final SimModel m;

    ZonesAndAcls(SimModel m) {
        this.m = m;
    }

    Reply handle(Req r) {
        if (r.seg(0).equals("network-acls")) {
            return objects(r, m.state.acls, "/1.0/network-acls", "Network ACL", 1);
        }
        if (r.depth() >= 3 && r.seg(2).equals("records")) {
            String zone = r.seg(1);
            if (!m.state.zones.containsKey(zone)) {
                throw SimError.notFound("Network zone");
            }
            return objects(r, m.state.records.computeIfAbsent(zone, k -> new TreeMap<>()),
                    "/1.0/network-zones/" + zone + "/records", "Network zone record", 3);
        }
        return objects(r, m.state.zones, "/1.0/network-zones", "Network zone", 1);
    }

    private Reply objects(Req r, Map<String, ObjectNode> store, String base, String what, int nameAt) {
        if (r.depth() == nameAt) {
            if (r.is("POST")) {
                String name = J.text(r.body(), "name", "");
                if (name.isEmpty()) {
                    throw SimError.badRequest("No name provided");
                }
                if (store.containsKey(name)) {
                    throw SimError.conflict("A " + what.toLowerCase().replace("network ", "") + " with name \""
                            + name + "\" already exists");
                }
                ObjectNode o = J.obj().put("name", name);
                write(o, r.body(), true);
                store.put(name, o);
                m.changed();
                return Reply.ok();
            }
            ArrayNode a = J.arr();
            store.keySet().forEach(n -> {
                if (r.recursion() > 0) {
                    a.add(view(base, store.get(n)));
                } else {
                    a.add(SimModel.url(base, n, null));
                }
            });
            return Reply.sync(a);
        }
        String name = r.seg(nameAt);
        ObjectNode o = store.get(name);
        if (o == null) {
            throw SimError.notFound(what);
        }
        switch (r.method()) {
            case "GET" -> {
                return Reply.sync(view(base, o));
            }
            case "PUT", "PATCH" -> {
                write(o, r.body(), r.is("PUT"));
                m.changed();
                return Reply.ok();
            }
            case "DELETE" -> {
                if (!usedBy(base, name).isEmpty()) {
                    throw SimError.badRequest(what + " is currently in use");
                }
                store.remove(name);
                if (base.equals("/1.0/network-zones")) {
                    m.state.records.remove(name);
                }
                m.changed();
                return Reply.ok();
            }
            default -> throw SimError.badRequest("method not allowed");
        }
    }

    /** Sets the writable fields: PUT replaces them, PATCH (and creation) only what the body names. */
    private static void write(ObjectNode o, JsonNode body, boolean replace) {
        if (replace || body.has("description")) {
            o.put("description", J.text(body, "description", ""));
        }
        Map<String, String> config = replace ? new TreeMap<>() : SimModel.config(o);
        config.putAll(SimModel.config(body));
        o.set("config", J.strings(config));
        for (String list : List.of("ingress", "egress", "entries")) {
            if (body.has(list) || (replace && o.has(list))) {
                ArrayNode a = J.arr();
                for (JsonNode item : body.path(list)) {
                    ObjectNode clean = J.obj();
                    item.fields().forEachRemaining(e -> {
                        if (!e.getValue().isNull() && !(e.getValue().isTextual() && e.getValue().asText().isEmpty())) {
                            clean.set(e.getKey(), e.getValue());
                        }
                    });
                    a.add(clean);
                }
                o.set(list, a);
            }
        }
        if (!o.has("entries") && !o.has("ingress") && body.has("ingress")) {
            o.set("ingress", J.arr());
        }
    }

    private ObjectNode view(String base, ObjectNode o) {
        ObjectNode v = o.deepCopy();
        if (base.equals("/1.0/network-acls")) {
            if (!v.has("ingress")) {
                v.set("ingress", J.arr());
            }
            if (!v.has("egress")) {
                v.set("egress", J.arr());
            }
        }
        if (base.endsWith("/records")) {
            if (!v.has("entries")) {
                v.set("entries", J.arr());
            }
            return v;
        }
        v.set("used_by", J.arr(usedBy(base, o.path("name").asText())));
        return v;
    }

    private List<String> usedBy(String base, String name) {
        List<String> u = new ArrayList<>();
        if (base.endsWith("/records")) {
            return u;
        }
        String key = base.equals("/1.0/network-acls") ? "security.acls" : "dns.zone.forward";
        m.state.networks.values().forEach(n -> {
            if (List.of(n.config.getOrDefault(key, "").split(",")).contains(name)) {
                u.add("/1.0/networks/" + n.name);
            }
        });
        return u;
    }
}
