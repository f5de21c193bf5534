package net.sigsrv.infra.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.UsedBy;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.InstanceTransfer;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.ProjectState;

/** Projects: list, show with usage against limits, create, set one key, delete only when empty. */
public final class ProjectOps {

    private final IncusClient client;
    private final Guards guards;

    public ProjectOps(IncusClient client, Guards guards) {
        this.client = client;
        this.guards = guards;
    }

    /** One limited resource: what the project uses and its limit ({@code -1}: none). */
    public record Usage(String resource, long usage, long limit) {
    }

    /** A project with its usage of each resource the daemon counts. */
    public record ProjectReport(Project project, List<Usage> usage) {
    }

    public List<Project> list() {
        return client.projects().list();
    }

    public ProjectReport show(String name) {
        Project p = client.projects().get(name).value();
        ProjectState state = new InstanceTransfer(client).projectState(name);
        List<Usage> usage = new ArrayList<>();
        state.resources().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> usage.add(new Usage(e.getKey(), e.getValue().usage(), e.getValue().limit())));
        return new ProjectReport(p, usage);
    }

    public void create(String name, String description, Map<String, String> config) {
        ReservedKeys.refuse("project " + name, config.keySet());
        client.projects().create(name, description, config);
    }

    /** Sets one config key (features.*, limits.*, restricted.*, user.*), guarded by the ETag read just before. */
    public void set(String name, String key, String value) {
        ReservedKeys.refuse("project " + name, List.of(key));
        Tagged<Project> p = client.projects().get(name);
        Map<String, String> config = new LinkedHashMap<>(p.value().config());
        config.put(key, value);
        client.projects().update(name, p.value().description(), config, p.etag());
    }

    /** Makes {@code name} (which must exist) the default project of {@code remote} for later commands. */
    public void switchTo(String name, String remote, DefaultProject defaults) throws java.io.IOException {
        client.projects().get(name);
        defaults.set(remote, name);
    }

    /**
     * Deletes an empty project. Refused when the spec protects it, or when it still holds anything besides its own
     * {@code default} profile (the message lists what).
     */
    public void delete(String name) {
        guards.checkDelete("project", name, name);
        if (name.equals("default")) {
            throw new Refused("project default is built in and cannot be deleted");
        }
        List<String> inside = contents(client.projects().get(name).value());
        if (!inside.isEmpty()) {
            throw new Refused("project " + name + " is not empty: it still holds " + String.join(", ", inside)
                    + ". Nothing was deleted. Delete or move those first (e.g. `infra instance delete NAME --project "
                    + name + "`), then delete the project.");
        }
        client.projects().delete(name);
    }

    /** What a project's {@code used_by} names, in words ("instance web", "volume default/data"). */
    static List<String> contents(Project p) {
        List<String> out = new ArrayList<>();
        for (String url : p.usedBy()) {
            UsedBy u = UsedBy.parse(url);
            String last = u.name();
            switch (u.type()) {
                case PROFILE -> {
                    if (!last.equals("default")) {
                        out.add("profile " + last);
                    }
                }
                case INSTANCE -> out.add("instance " + last);
                case VOLUME -> out.add("volume " + u.pool() + "/" + last);
                case IMAGE -> out.add("image " + last.substring(0, Math.min(12, last.length())));
                case NETWORK -> out.add("network " + last);
                case OTHER -> out.add(u.path());
            }
        }
        return out;
    }
}
