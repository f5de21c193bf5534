package net.sigsrv.infra.incus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /1.0/instances} needs to create an instance from a local image alias.
 *
 * @param type container or virtual-machine
 */
public record InstanceCreate(String name, String type, String imageAlias, String description,
                             List<String> profiles, Map<String, String> config,
                             Map<String, Map<String, String>> devices) {

    public InstanceCreate {
        profiles = List.copyOf(profiles);
        config = Map.copyOf(config);
        devices = Map.copyOf(devices);
    }

    public static InstanceCreate container(String name, String imageAlias) {
        return new InstanceCreate(name, "container", imageAlias, "", List.of("default"), Map.of(), Map.of());
    }

    public InstanceCreate withConfig(Map<String, String> more) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.putAll(more);
        return new InstanceCreate(name, type, imageAlias, description, profiles, c, devices);
    }

    public InstanceCreate withDevices(Map<String, Map<String, String>> more) {
        Map<String, Map<String, String>> d = new LinkedHashMap<>(devices);
        d.putAll(more);
        return new InstanceCreate(name, type, imageAlias, description, profiles, config, d);
    }

    Map<String, Object> body() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("type", type);
        b.put("description", description);
        b.put("source", Map.of("type", "image", "alias", imageAlias));
        b.put("profiles", profiles);
        b.put("config", config);
        b.put("devices", devices);
        return b;
    }
}
