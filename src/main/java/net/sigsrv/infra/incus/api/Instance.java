package net.sigsrv.infra.incus.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * An instance as {@code ?recursion=2} returns it: with its {@code state} (absent with recursion=1). {@code config}
 * and {@code devices} are the instance's own; {@code expanded*} include its profiles.
 */
public record Instance(String name, String description, String type, String status, int statusCode,
                       String location, String project, Map<String, String> config,
                       Map<String, Map<String, String>> devices, Map<String, String> expandedConfig,
                       Map<String, Map<String, String>> expandedDevices, List<String> profiles, boolean ephemeral,
                       boolean stateful, String architecture, InstanceState state) {
    public Instance {
        description = Nulls.text(description);
        location = Nulls.text(location);
        project = project == null || project.isEmpty() ? "default" : project;
        config = Nulls.map(config);
        devices = Nulls.map(devices);
        expandedConfig = Nulls.map(expandedConfig);
        expandedDevices = Nulls.map(expandedDevices);
        profiles = Nulls.list(profiles);
    }

    @JsonIgnore
    public boolean isRunning() {
        return "Running".equalsIgnoreCase(status);
    }
}
