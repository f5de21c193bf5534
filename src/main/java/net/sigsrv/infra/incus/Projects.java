package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.incus.api.Project;

/** Projects and their profiles. */
public final class Projects {

    private final IncusClient client;

    Projects(IncusClient client) {
        this.client = client;
    }

    public List<Project> list() {
        return client.get(ApiPath.of("/1.0/projects").recursion(1), new TypeReference<List<Project>>() { });
    }

    public Tagged<Project> get(String name) {
        return client.getTagged(ApiPath.of("/1.0/projects", name), new TypeReference<Project>() { });
    }

    public void create(String name, String description, Map<String, String> config) {
        client.call("POST", ApiPath.of("/1.0/projects"), Map.of("name", name, "description", description,
                "config", config), null, Duration.ofMinutes(1));
    }

    /** Replaces the writable fields; {@code etag} from {@link #get} guards against concurrent changes. */
    public void update(String name, String description, Map<String, String> config, String etag) {
        client.call("PUT", ApiPath.of("/1.0/projects", name), Map.of("description", description, "config", config),
                etag, Duration.ofMinutes(1));
    }

    public void delete(String name) {
        client.call("DELETE", ApiPath.of("/1.0/projects", name), null, null, Duration.ofMinutes(1));
    }

    /** Project {@code name} as JSON, to edit field by field ({@link ApiObject}). */
    public ApiObject object(String name) {
        return new ApiObject(client, ApiPath.of("/1.0/projects"), ApiPath.of("/1.0/projects", name));
    }

    /** Profile {@code name} of {@code project} as JSON, to edit field by field ({@link ApiObject}). */
    public ApiObject profileObject(String project, String name) {
        return new ApiObject(client, ApiPath.of("/1.0/profiles").project(project),
                ApiPath.of("/1.0/profiles", name).project(project));
    }

    public List<Profile> profiles(String project) {
        return client.get(ApiPath.of("/1.0/profiles").recursion(1).project(project),
                new TypeReference<List<Profile>>() { });
    }

    public Tagged<Profile> profile(String project, String name) {
        return client.getTagged(ApiPath.of("/1.0/profiles", name).project(project),
                new TypeReference<Profile>() { });
    }

    public void createProfile(String project, String name, String description, Map<String, String> config,
                              Map<String, Map<String, String>> devices) {
        client.call("POST", ApiPath.of("/1.0/profiles").project(project), Map.of("name", name, "description",
                description, "config", config, "devices", devices), null, Duration.ofMinutes(1));
    }

    public void updateProfile(String project, String name, String description, Map<String, String> config,
                              Map<String, Map<String, String>> devices, String etag) {
        client.call("PUT", ApiPath.of("/1.0/profiles", name).project(project), Map.of("description", description,
                "config", config, "devices", devices), etag, Duration.ofMinutes(1));
    }

    public void deleteProfile(String project, String name) {
        client.call("DELETE", ApiPath.of("/1.0/profiles", name).project(project), null, null,
                Duration.ofMinutes(1));
    }
}
