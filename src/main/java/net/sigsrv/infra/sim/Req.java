package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;
import java.util.Map;

/**
 * One API request as the model sees it: method, path segments below {@code /1.0} (decoded), query and JSON body.
 */
record Req(String method, List<String> path, Map<String, String> query, JsonNode body) {

    Req {
        path = List.copyOf(path);
        query = Map.copyOf(query);
        body = body == null ? MissingNode.getInstance() : body;
    }

    String seg(int i) {
        return i < path.size() ? path.get(i) : null;
    }

    int depth() {
        return path.size();
    }

    String project() {
        String p = query.get("project");
        return p == null || p.isEmpty() ? "default" : p;
    }

    /** The member named by {@code ?target=}, or null. */
    String target() {
        String t = query.get("target");
        return t == null || t.isEmpty() ? null : t;
    }

    int recursion() {
        try {
            return Integer.parseInt(query.getOrDefault("recursion", "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    boolean is(String m) {
        return method.equals(m);
    }

    Req asGet() {
        return new Req("GET", path, query, null);
    }
}
