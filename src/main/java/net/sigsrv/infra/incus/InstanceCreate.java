package net.sigsrv.infra.incus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code POST /1.0/instances} needs to create an instance from a local image alias.
 *
 * @param type      container or virtual-machine
 * @param ephemeral the daemon deletes the instance when it stops
 */
public record InstanceCreate(String name, String type, String imageAlias, String description,
                             List<String> profiles, Map<String, String> config,
                             Map<String, Map<String, String>> devices, boolean ephemeral) {

    public InstanceCreate {
        profiles = List.copyOf(profiles);
        config = Map.copyOf(config);
        devices = Map.copyOf(devices);
    }

    public InstanceCreate(String name, String type, String imageAlias, String description, List<String> profiles,
                          Map<String, String> config, Map<String, Map<String, String>> devices) {
        this(name, type, imageAlias, description, profiles, config, devices, false);
    }

    public static InstanceCreate container(String name, String imageAlias) {
        return new InstanceCreate(name, "container", imageAlias, "", List.of("default"), Map.of(), Map.of());
    }

    public InstanceCreate withConfig(Map<String, String> more) {
        Map<String, String> c = new LinkedHashMap<>(config);
        c.putAll(more);
        return new InstanceCreate(name, type, imageAlias, description, profiles, c, devices, ephemeral);
    }

    public InstanceCreate withDevices(Map<String, Map<String, String>> more) {
        Map<String, Map<String, String>> d = new LinkedHashMap<>(devices);
        d.putAll(more);
        return new InstanceCreate(name, type, imageAlias, description, profiles, config, d, ephemeral);
    }

    /** The same instance, deleted by the daemon as soon as it stops. */
    public InstanceCreate asEphemeral() {
        return new InstanceCreate(name, type, imageAlias, description, profiles, config, devices, true);
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
        if (ephemeral) {
            b.put("ephemeral", true);
        }
        return b;
    }
}
