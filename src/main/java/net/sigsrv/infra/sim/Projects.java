package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Projects and profiles. A new project gets the daemon's feature defaults ({@code features.images},
 * {@code .profiles}, {@code .storage.volumes}, and {@code .storage.buckets} on Incus set to true when not given)
 * and, with its own profiles, a {@code default} profile. A project without {@code features.profiles} lists and uses
 * the default project's profiles.
 */
final class Projects {

    private static final List<String> FEATURE_DEFAULTS = List.of("images", "profiles", "storage.volumes");
    private final SimModel m;

    Projects(SimModel m) {
        this.m = m;
    }

    static ObjectNode defaultProfile(String description) {
        ObjectNode p = J.obj().put("name", "default").put("description", description);
        p.putObject("config");
        p.putObject("devices");
        return p;
    }

    Reply handle(Req r) {
        return r.seg(0).equals("projects") ? project(r) : profile(r);
    }

    private Reply project(Req r) {
        SimState s = m.state;
        if (r.depth() == 1) {
            if (r.is("POST")) {
                return Reply.sync(create(r.body()));
            }
            ArrayNode a = J.arr();
            s.projects.keySet().forEach(name -> a.add(r.recursion() > 0 ? view(name) : J.obj().textNode(
                    SimModel.url("/1.0/projects", name, null))));
            return Reply.sync(a);
        }
        String name = r.seg(1);
        ObjectNode p = m.project(name);
        switch (r.method()) {
            case "GET" -> {
                return Reply.sync(view(name));
            }
            case "PUT", "PATCH" -> {
                Map<String, String> config = r.is("PUT") ? SimModel.config(r.body()) : merged(p, r.body());
                checkFeatures(name, SimModel.config(p), config);
                checkLimits(name, config);
                p.set("config", J.strings(config));
                if (r.body().has("description") || r.is("PUT")) {
                    p.put("description", J.text(r.body(), "description", ""));
                }
                m.changed();
                return Reply.ok();
            }
            case "DELETE" -> {
                if (name.equals("default")) {
                    throw new SimError(403, "The 'default' project cannot be deleted");
                }
                if (!usedBy(name).stream().allMatch(u -> u.startsWith("/1.0/profiles/default"))) {
                    throw SimError.badRequest("Only empty projects can be removed");
                }
                s.projects.remove(name);
                s.profiles.remove(name);
                m.changed();
                return Reply.ok();
            }
            default -> throw SimError.badRequest("method not allowed");
        }
    }

    private JsonNode create(JsonNode body) {
        String name = J.text(body, "name", "");
        if (name.isEmpty()) {
            throw SimError.badRequest("No name provided");
        }
        if (m.state.projects.containsKey(name)) {
            throw SimError.conflict("Error inserting \"" + name + "\" into database: The project already exists");
        }
        Map<String, String> config = SimModel.config(body);
        List<String> defaults = new ArrayList<>(FEATURE_DEFAULTS);
        if (!m.lxd()) {
            defaults.add("storage.buckets");
        }
        defaults.forEach(f -> config.putIfAbsent("features." + f, "true"));
        checkLimits(name, config);
        ObjectNode p = J.obj().put("name", name).put("description", J.text(body, "description", ""));
        p.set("config", J.strings(config));
        m.state.projects.put(name, p);
        if ("true".equals(config.get("features.profiles"))) {
            m.state.profiles.put(name, new TreeMap<>(Map.of("default", defaultProfile("Default "
                    + (m.lxd() ? "LXD" : "Incus") + " profile for project " + name))));
        }
        m.changed();
        return null;
    }

    private static Map<String, String> merged(ObjectNode p, JsonNode body) {
        Map<String, String> c = SimModel.config(p);
        c.putAll(SimModel.config(body));
        return c;
    }

    /** The daemon refuses to change features of a project that has anything in it but its default profile. */
    private void checkFeatures(String name, Map<String, String> before, Map<String, String> after) {
        boolean changed = before.entrySet().stream().filter(e -> e.getKey().startsWith("features."))
                .anyMatch(e -> !e.getValue().equals(after.getOrDefault(e.getKey(), "false")))
                || after.entrySet().stream().filter(e -> e.getKey().startsWith("features."))
                .anyMatch(e -> !e.getValue().equals(before.getOrDefault(e.getKey(), "false")));
        if (changed && !name.equals("default") && usedBy(name).stream()
                .anyMatch(u -> !u.startsWith("/1.0/profiles/default"))) {
            throw SimError.badRequest("Features can only be changed on empty projects");
        }
    }

    /** Limits must be numbers or sizes; a limit below what the project already uses is refused. */
    private void checkLimits(String name, Map<String, String> config) {
        for (String count : List.of("instances", "containers", "virtual-machines")) {
            String v = config.get("limits." + count);
            if (v == null) {
                continue;
            }
            long limit;
            try {
                limit = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw SimError.badRequest("Invalid value for an integer \"" + v + "\"");
            }
            long used = m.instances.count(name, count);
            if (used > limit) {
                throw SimError.badRequest("\"limits." + count + "\" is too low: there currently are " + used
                        + " total " + count.replace("virtual-machines", "virtual machines"));
            }
        }
    }

    private ObjectNode view(String name) {
        ObjectNode o = m.state.projects.get(name).deepCopy();
        o.set("used_by", J.arr(usedBy(name)));
        return o;
    }

    private List<String> usedBy(String project) {
        List<String> u = new ArrayList<>();
        m.state.profiles.getOrDefault(project, Map.of()).keySet()
                .forEach(p -> u.add(SimModel.url("/1.0/profiles", p, project)));
        m.state.instances.values().stream().filter(i -> i.object.path("project").asText().equals(project))
                .forEach(i -> u.add(SimModel.url("/1.0/instances", i.object.path("name").asText(), project)));
        m.state.volumes.values().stream().filter(v -> v.path("project").asText().equals(project))
                .forEach(v -> u.add(SimModel.url("/1.0/storage-pools/" + v.path("pool").asText()
                        + "/volumes/custom", v.path("name").asText(), project)));
        return u;
    }

    /** The project whose profiles {@code project} uses. */
    String profileProject(String project) {
        m.project(project);
        return m.hasOwn(project, "profiles") ? project : "default";
    }

    /** A profile of {@code project} (or of the default project when it has no own profiles). */
    ObjectNode profileOf(String project, String name) {
        ObjectNode p = m.state.profiles.getOrDefault(profileProject(project), Map.of()).get(name);
        if (p == null) {
            throw SimError.notFound("Fetch profile: Profile");
        }
        return p;
    }

    private Reply profile(Req r) {
        String project = profileProject(r.project());
        Map<String, ObjectNode> profiles = m.state.profiles.computeIfAbsent(project, k -> new TreeMap<>());
        if (r.depth() == 1) {
            if (r.is("POST")) {
                String name = J.text(r.body(), "name", "");
                if (name.isEmpty()) {
                    throw SimError.badRequest("No name provided");
                }
                if (profiles.containsKey(name)) {
                    throw SimError.conflict("Error inserting \"" + name + "\" into database: The profile already"
                            + " exists");
                }
                ObjectNode p = J.obj().put("name", name).put("description", J.text(r.body(), "description", ""));
                p.set("config", J.strings(SimModel.config(r.body())));
                p.set("devices", J.devices(J.devices(r.body().path("devices"))));
                profiles.put(name, p);
                m.changed();
                return Reply.ok();
            }
            ArrayNode a = J.arr();
            profiles.keySet().forEach(n -> {
                if (r.recursion() > 0) {
                    a.add(profileView(project, n));
                } else {
                    a.add(SimModel.url("/1.0/profiles", n, r.project()));
                }
            });
            return Reply.sync(a);
        }
        String name = r.seg(1);
        ObjectNode p = profileOf(r.project(), name);
        switch (r.method()) {
            case "GET" -> {
                return Reply.sync(profileView(project, name));
            }
            case "PUT", "PATCH" -> {
                Map<String, String> config = r.is("PUT") ? SimModel.config(r.body()) : merged(p, r.body());
                Map<String, Map<String, String>> devices = J.devices(r.body().path("devices"));
                if (r.is("PATCH")) {
                    Map<String, Map<String, String>> d = J.devices(p.path("devices"));
                    d.putAll(devices);
                    devices = d;
                }
                p.set("config", J.strings(config));
                p.set("devices", J.devices(devices));
                if (r.body().has("description") || r.is("PUT")) {
                    p.put("description", J.text(r.body(), "description", ""));
                }
                m.changed();
                return Reply.ok();
            }
            case "DELETE" -> {
                if (name.equals("default")) {
                    throw new SimError(403, "The 'default' profile cannot be deleted");
                }
                if (!profileUsers(project, name).isEmpty()) {
                    throw SimError.badRequest("Profile is currently in use");
                }
                profiles.remove(name);
                m.changed();
                return Reply.ok();
            }
            default -> throw SimError.badRequest("method not allowed");
        }
    }

    private ObjectNode profileView(String project, String name) {
        ObjectNode o = m.state.profiles.get(project).get(name).deepCopy();
        o.set("used_by", J.arr(profileUsers(project, name)));
        return o;
    }

    private List<String> profileUsers(String project, String name) {
        List<String> u = new ArrayList<>();
        for (SimState.Inst i : m.state.instances.values()) {
            String ip = i.object.path("project").asText();
            if (profileProject(ip).equals(project)) {
                for (JsonNode p : i.object.path("profiles")) {
                    if (p.asText().equals(name)) {
                        u.add(SimModel.url("/1.0/instances", i.object.path("name").asText(), ip));
                    }
                }
            }
        }
        return u;
    }
}
