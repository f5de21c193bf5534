package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.values.Size;

/**
 * The project limits the daemon checks when an instance is created, with its wording (checked on LXD 5.0.2):
 * counts ({@code limits.instances}, {@code limits.containers}, {@code limits.virtual-machines}) and aggregates
 * ({@code limits.cpu}, {@code limits.memory}), which also require every instance to set the key.
 */
final class Limits {

    private Limits() {
    }

    static void check(SimModel m, ObjectNode project, SimState.Inst candidate) {
        String name = project.path("name").asText();
        Map<String, String> config = SimModel.config(project);
        String type = candidate.object.path("type").asText();
        String instances = config.get("limits.instances");
        if (instances != null && m.instances.count(name, "instances") + 1 > Long.parseLong(instances)) {
            throw SimError.internal("Reached maximum number of instances in project \"" + name + "\"");
        }
        String perType = config.get("limits." + type + "s");
        if (perType != null && m.instances.count(name, type + "s") + 1 > Long.parseLong(perType)) {
            throw SimError.internal("Reached maximum number of instances of type \"" + type + "\" in project \""
                    + name + "\"");
        }
        for (String key : List.of("limits.cpu", "limits.memory")) {
            String limit = config.get(key);
            if (limit == null) {
                continue;
            }
            List<SimState.Inst> all = new ArrayList<>(m.state.instances.values().stream()
                    .filter(i -> i.object.path("project").asText().equals(name)).toList());
            all.add(candidate);
            long total = 0;
            for (SimState.Inst i : all) {
                String v = m.instances.expandedConfig(i).get(key);
                if (v == null) {
                    throw SimError.internal("Failed checking if instance creation allowed: Failed getting usage of"
                            + " project entities: Instance \"" + i.object.path("name").asText() + "\" in project \""
                            + name + "\" has no \"" + key + "\" config, either directly or via a profile");
                }
                total += key.equals("limits.cpu") ? cpus(v) : Size.parse(v).orElse(0);
            }
            long max = key.equals("limits.cpu") ? cpus(limit) : Size.parse(limit).orElse(0);
            if (total > max) {
                throw SimError.internal("Failed checking if instance creation allowed: Reached maximum aggregate"
                        + " value \"" + limit + "\" for \"" + key + "\" in project \"" + name + "\"");
            }
        }
    }

    /** CPUs in a {@code limits.cpu} value: a count, or a set like {@code 0-3,6}. */
    private static long cpus(String v) {
        if (v.matches("\\d+")) {
            return Long.parseLong(v);
        }
        long n = 0;
        for (String part : v.split(",")) {
            String[] range = part.split("-");
            n += range.length == 2 ? Long.parseLong(range[1].trim()) - Long.parseLong(range[0].trim()) + 1 : 1;
        }
        return n;
    }
}
