package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.values.Size;

/**
 * Custom volumes of one pool: on local drivers each lives on one member ({@code location}, chosen with
 * {@code ?target=}, else the member answering), on remote drivers on none. A project without
 * {@code features.storage.volumes} uses the default project's volumes. Snapshots are volumes named
 * {@code volume/snapshot}, listed with their parent as the daemon lists them.
 */
final class Volumes {

    private final SimModel m;
    private final Storage storage;

    Volumes(SimModel m, Storage storage) {
        this.m = m;
        this.storage = storage;
    }

    Reply handle(Req r, SimState.Pool p) {
        String project = m.hasOwn(r.project(), "storage.volumes") ? r.project() : "default";
        if (r.depth() == 3 || (r.depth() == 4 && r.seg(3).equals("custom"))) {
            return r.is("POST") ? create(r, p, project, validName(J.text(r.body(), "name", "")), null)
                    : list(r, p, project);
        }
        if (!r.seg(3).equals("custom")) {
            throw SimError.notFound("Storage volume");
        }
        String name = r.seg(4);
        if (r.depth() >= 6 && r.seg(5).equals("snapshots")) {
            find(p, project, name, r.target());
            if (r.depth() == 6 && r.is("POST")) {
                return create(r, p, project, name + "/" + J.text(r.body(), "name", "snap0"), name);
            }
            if (r.depth() == 7) {
                name = name + "/" + r.seg(6);
            }
        }
        String key = find(p, project, name, r.target());
        ObjectNode v = m.state.volumes.get(key);
        switch (r.method()) {
            case "GET" -> {
                return Reply.sync(view(v));
            }
            case "PUT", "PATCH" -> {
                Map<String, String> config = r.is("PUT") ? SimModel.config(r.body()) : SimModel.config(v);
                if (r.is("PATCH")) {
                    config.putAll(SimModel.config(r.body()));
                }
                v.set("config", J.strings(config));
                if (r.body().has("description") || r.is("PUT")) {
                    v.put("description", J.text(r.body(), "description", ""));
                }
                m.changed();
                return Reply.ok();
            }
            case "DELETE" -> {
                String location = v.path("location").asText();
                if (!m.instances.volumeUsers(p.name, name, project).isEmpty()) {
                    throw SimError.badRequest("The storage volume is still in use");
                }
                String vol = name;
                m.state.volumes.keySet().removeIf(k -> k.equals(key) || k.startsWith(project + "/" + p.name + "/"
                        + vol + "/"));
                m.changed();
                return Reply.async("Deleting storage volume", Map.of("storage_volumes", List.of("/1.0/storage-pools/"
                        + p.name + "/volumes/custom/" + name)), location, () -> null);
            }
            default -> throw SimError.badRequest("method not allowed");
        }
    }

    private String find(SimState.Pool p, String project, String name, String target) {
        String prefix = project + "/" + p.name + "/" + name;
        for (var e : m.state.volumes.entrySet()) {
            if (e.getKey().equals(prefix) || e.getKey().equals(prefix + "@" + target)) {
                if (target == null || target.equals(e.getValue().path("location").asText())
                        || "none".equals(e.getValue().path("location").asText())) {
                    return e.getKey();
                }
            }
        }
        throw SimError.notFound("Storage volume");
    }

    private Reply list(Req r, SimState.Pool p, String project) {
        ArrayNode a = J.arr();
        String prefix = project + "/" + p.name + "/";
        for (var e : m.state.volumes.entrySet()) {
            ObjectNode v = e.getValue();
            if (!e.getKey().startsWith(prefix) || (r.target() != null && !r.target().equals(v.path("location")
                    .asText()) && !"none".equals(v.path("location").asText()))) {
                continue;
            }
            if (r.recursion() > 0) {
                a.add(view(v));
            } else {
                a.add(SimModel.url("/1.0/storage-pools/" + p.name + "/volumes/custom", v.path("name").asText(),
                        r.project()));
            }
        }
        return Reply.sync(a);
    }

    /**
     * A volume name is one segment of the API's paths, so the daemon refuses '/', '.' and '..' with a 400 (LXD's
     * {@code ValidVolumeName}); the simulator had taken "a/b" for a snapshot of "a" and failed on the missing parent.
     */
    private static String validName(String name) {
        if (name.isEmpty()) {
            throw SimError.badRequest("No name provided");
        }
        if (name.contains("/")) {
            throw SimError.badRequest("Invalid volume name \"" + name + "\": Cannot contain slashes");
        }
        if (name.equals(".") || name.equals("..")) {
            throw SimError.badRequest("Invalid volume name \"" + name + "\": Cannot be '.' or '..'");
        }
        return name;
    }

    /** Creates volume {@code name}, or the snapshot {@code name} ("volume/snapshot") of {@code parent}. */
    private Reply create(Req r, SimState.Pool p, String project, String name, String parent) {
        if (!p.status.equals("Created")) {
            throw SimError.badRequest("Storage pool \"" + p.name + "\" is not available (pending on some members)");
        }
        String location = Storage.REMOTE.contains(p.driver) ? "none"
                : r.target() != null ? r.target() : m.networks.firstOnline().name;
        if (!location.equals("none")) {
            m.reachable(location);
        }
        String key = project + "/" + p.name + "/" + name;
        if (m.state.volumes.containsKey(key)) {
            throw SimError.conflict("Volume by that name already exists");
        }
        ObjectNode v = J.obj().put("name", name).put("description", J.text(r.body(), "description", ""))
                .put("type", "custom").put("content_type", J.text(r.body(), "content_type", "filesystem"))
                .put("location", location).put("project", project).put("pool", p.name);
        Map<String, String> config = SimModel.config(r.body());
        if (parent != null) {
            v.put("location", m.state.volumes.get(project + "/" + p.name + "/" + parent).path("location").asText());
            config = SimModel.config(m.state.volumes.get(project + "/" + p.name + "/" + parent));
        }
        if (!location.equals("none") && parent == null) {
            storage.reserve(p, location, Size.parse(config.getOrDefault("size", "0")).orElse(0));
        }
        v.set("config", J.strings(config));
        m.state.volumes.put(key, v);
        m.changed();
        return Reply.async(parent == null ? "Creating storage volume" : "Creating storage volume snapshot",
                Map.of("storage_volumes", List.of("/1.0/storage-pools/" + p.name + "/volumes/custom/" + name)),
                location, () -> null);
    }

    private ObjectNode view(ObjectNode v) {
        ObjectNode o = v.deepCopy();
        o.remove("pool");
        o.set("used_by", J.arr(m.instances.volumeUsers(v.path("pool").asText(), v.path("name").asText(),
                v.path("project").asText())));
        return o;
    }
}
