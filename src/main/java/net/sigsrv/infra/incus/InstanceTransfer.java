package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import net.sigsrv.infra.incus.api.InstanceSnapshot;
import net.sigsrv.infra.incus.api.ProjectState;

/**
 * Calls for moving bytes in and out of instances and reading what the bulk listings leave out: file push and pull
 * ({@code /1.0/instances/NAME/files?path=}, directories included), backup import ({@code POST /1.0/instances} with the tarball as an
 * {@code application/octet-stream} body), instance snapshots and a project's usage against its limits. File and
 * import headers are {@code X-LXD-*} on LXD and {@code X-Incus-*} on Incus.
 */
public final class InstanceTransfer {

    private static final Duration WAIT = Duration.ofMinutes(30);
    private final IncusClient client;

    public InstanceTransfer(IncusClient client) {
        this.client = client;
    }

    /** Writes {@code local} to {@code path} inside the instance (overwriting it), with the given owner and mode. */
    public void push(String project, String instance, Path local, String path, int uid, int gid, String mode,
                     LongConsumer progress) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(header("uid"), String.valueOf(uid));
        headers.put(header("gid"), String.valueOf(gid));
        headers.put(header("mode"), mode);
        headers.put(header("type"), "file");
        headers.put(header("write"), "overwrite");
        Response r = client.upload("POST", files(project, instance, path), local, headers, progress);
        if (r.isAsync()) {
            client.await(r, WAIT);
        }
    }

    /** Streams the file at {@code path} inside the instance into {@code sink}; returns its size. */
    public long pull(String project, String instance, String path, OutputStream sink, LongConsumer progress) {
        return client.download(files(project, instance, path), sink, progress);
    }

    /**
     * Reads {@code path} inside the instance: a file (or a symlink's target) is streamed into {@code sink}; for a
     * directory only its entry names come back.
     */
    public Fetched fetch(String project, String instance, String path, OutputStream sink,
                                     LongConsumer progress) {
        return client.fetch(files(project, instance, path), sink, progress);
    }

    /** Makes the directory {@code path} inside the instance (owned by root, with {@code mode}); one that exists is kept. */
    public void mkdir(String project, String instance, String path, String mode) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(header("uid"), "0");
        headers.put(header("gid"), "0");
        headers.put(header("mode"), mode);
        headers.put(header("type"), "directory");
        Response r = client.upload("POST", files(project, instance, path), null, headers, p -> { });
        if (r.isAsync()) {
            client.await(r, WAIT);
        }
    }

    /**
     * Creates an instance from a backup tarball made by export, on {@code member} (null lets the cluster place it);
     * {@code name} renames it and {@code pool} picks its storage pool (each null to keep the backup's).
     */
    public void importBackup(String project, Path tarball, String name, String pool, String member,
                             LongConsumer progress) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (name != null) {
            headers.put(header("name"), name);
        }
        if (pool != null) {
            headers.put(header("pool"), pool);
        }
        Response r = client.upload("POST", ApiPath.of("/1.0/instances").project(project).target(member), tarball,
                headers, progress);
        if (r.isAsync()) {
            client.await(r, WAIT);
        }
    }

    /**
     * Moves a stopped instance to another cluster member ({@code POST /1.0/instances/NAME?target=M} with
     * {@code migration: true}), as {@code incus move NAME --target M} does.
     */
    public void moveToMember(String project, String instance, String member) {
        client.call("POST", ApiPath.of("/1.0/instances", instance).project(project).target(member),
                Map.of("name", instance, "migration", true, "live", false), null, WAIT);
    }

    /** The snapshots of an instance, oldest first, with their creation and expiry times. */
    public List<InstanceSnapshot> snapshots(String project, String instance) {
        return client.get(ApiPath.of("/1.0/instances", instance, "snapshots").recursion(1).project(project),
                new TypeReference<List<InstanceSnapshot>>() { });
    }

    /** {@code GET /1.0/projects/NAME/state}: usage of each limited resource against its limit. */
    public ProjectState projectState(String project) {
        return client.get(ApiPath.of("/1.0/projects", project, "state"), new TypeReference<ProjectState>() { });
    }

    private ApiPath files(String project, String instance, String path) {
        return ApiPath.of("/1.0/instances", instance, "files").project(project).with("path", path);
    }

    private String header(String name) {
        return ("incus".equals(client.server().flavour()) ? "X-Incus-" : "X-LXD-") + name;
    }
}
