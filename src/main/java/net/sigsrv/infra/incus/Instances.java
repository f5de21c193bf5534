package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.InstanceState;
import net.sigsrv.infra.incus.api.Operation;

/** Instances: bulk listing with state in one call, create/update/state/delete, exec, backups and export. */
public final class Instances {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final TypeReference<List<Instance>> INSTANCE_LIST = new TypeReference<>() { };
    private final IncusClient client;

    Instances(IncusClient client) {
        this.client = client;
    }

    /** Every instance of a project with its state, in one call ({@code recursion=2}). */
    public List<Instance> list(String project) {
        return client.get(ApiPath.of("/1.0/instances").recursion(2).project(project),
                new TypeReference<List<Instance>>() { });
    }

    /**
     * Every instance of every project. Uses {@code all-projects} where the daemon has it, else one call per
     * project (LXD 5.0.2 has no all-projects on instances).
     */
    public List<Instance> listAllProjects(Projects projects) {
        if (client.server().has("instance_all_projects")) {
            return client.get(ApiPath.of("/1.0/instances").recursion(2).with("all-projects", "true"),
                    new TypeReference<List<Instance>>() { });
        }
        return projects.list().stream().flatMap(p -> list(p.name()).stream()).toList();
    }

    /**
     * Every instance of a project as {@code recursion=1} returns it: config, devices, profiles and status, no live
     * state ({@link Instance#state()} is null). What a plan compares, without making the daemon gather each
     * instance's processes, addresses and counters. Read as it streams in (see {@link IncusClient#getStreamed}).
     */
    public List<Instance> listWithoutState(String project) {
        return client.getStreamed(ApiPath.of("/1.0/instances").recursion(1).project(project), INSTANCE_LIST);
    }

    /**
     * {@link #listWithoutState} of every project in one call. Only where the daemon has
     * {@code instance_all_projects} (the caller asks {@link IncusClient#server()}; LXD 5.0.2 has it).
     */
    public List<Instance> listAllProjectsWithoutState() {
        return client.getStreamed(ApiPath.of("/1.0/instances").recursion(1).with("all-projects", "true"),
                INSTANCE_LIST);
    }

    public Tagged<Instance> get(String project, String name) {
        return client.getTagged(ApiPath.of("/1.0/instances", name).recursion(1).project(project),
                new TypeReference<Instance>() { });
    }

    /** Instance {@code name} of {@code project} as JSON, to edit field by field ({@link ApiObject}). */
    public ApiObject object(String project, String name) {
        return new ApiObject(client, ApiPath.of("/1.0/instances").project(project),
                ApiPath.of("/1.0/instances", name).project(project));
    }

    /** An instance with its expanded config and devices ({@code recursion=1}), without its ETag: for polling. */
    public Instance read(String project, String name) {
        return client.get(ApiPath.of("/1.0/instances", name).project(project).recursion(1),
                new TypeReference<Instance>() { });
    }

    /** The live state of an instance: status, addresses of each interface, processes. */
    public InstanceState state(String project, String name) {
        return client.get(ApiPath.of("/1.0/instances", name, "state").project(project),
                new TypeReference<InstanceState>() { });
    }

    /**
     * Creates an instance from an image alias on {@code member} (null lets the cluster place it), and starts it
     * when asked — in the same request where the daemon supports it, else right after.
     */
    public void create(String project, InstanceCreate spec, String member, boolean start) {
        Map<String, Object> body = spec.body();
        boolean startInRequest = start && client.server().has("instance_create_start");
        if (startInRequest) {
            body.put("start", true);
        }
        String what = spec.type() + " " + spec.name() + " from image " + spec.imageAlias()
                + (member == null ? "" : " on " + member);
        try {
            client.call("POST", ApiPath.of("/1.0/instances").project(project).target(member), body, null, WAIT);
        } catch (IncusException e) {
            throw new IncusException(e.kind(), e.status(), "create " + what + ": " + e.getMessage(), e);
        }
        if (start && !startInRequest) {
            try {
                setState(project, spec.name(), "start", false);
            } catch (IncusException e) {
                throw new IncusException(e.kind(), e.status(), "start " + what + " (created, left stopped): "
                        + e.getMessage(), e);
            }
        }
    }

    /** Replaces the writable fields (config, devices, profiles, description), guarded by {@code etag}. */
    public void update(String project, String name, Map<String, Object> writable, String etag) {
        client.call("PUT", ApiPath.of("/1.0/instances", name).project(project), writable, etag, WAIT);
    }

    /** {@code action} is start, stop, restart, freeze or unfreeze. */
    public void setState(String project, String name, String action, boolean force) {
        setState(project, name, action, force, WAIT);
    }

    /** {@link #setState(String, String, String, boolean)}, waiting up to {@code wait} for it to finish. */
    public void setState(String project, String name, String action, boolean force, Duration wait) {
        client.call("PUT", ApiPath.of("/1.0/instances", name, "state").project(project), Map.of("action", action,
                "force", force, "timeout", 30), null, wait);
    }

    public void delete(String project, String name) {
        client.call("DELETE", ApiPath.of("/1.0/instances", name).project(project), null, null, WAIT);
    }

    /**
     * Asks for a state change ({@link #setState}) and returns once the daemon has accepted it, without waiting for
     * the operation: the daemon completes it on its own, also after this process has exited.
     */
    public void requestState(String project, String name, String action, boolean force) {
        client.send("PUT", ApiPath.of("/1.0/instances", name, "state").project(project), Map.of("action", action,
                "force", force, "timeout", 30), null);
    }

    /** Asks for the deletion ({@link #delete}) without waiting for the operation, as {@link #requestState}. */
    public void requestDelete(String project, String name) {
        client.send("DELETE", ApiPath.of("/1.0/instances", name).project(project), null, null);
    }

    /** What a command run inside an instance returned. */
    public record ExecResult(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code command} inside the instance, waits for it, and returns its exit code and recorded output. */
    public ExecResult exec(String project, String name, List<String> command, Duration timeout) {
        return exec(project, name, command, timeout, true);
    }

    /**
     * {@link #exec(String, String, List, Duration)}; {@code deleteOutput} false leaves the recorded output files on
     * the member (for an instance that is deleted soon anyway: one round trip less).
     */
    public ExecResult exec(String project, String name, List<String> command, Duration timeout,
                           boolean deleteOutput) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        body.put("record-output", true);
        body.put("wait-for-websocket", false);
        body.put("interactive", false);
        body.put("environment", Map.of());
        Operation op = client.call("POST", ApiPath.of("/1.0/instances", name, "exec").project(project), body,
                null, timeout).orElseThrow(() -> new IncusException(IncusException.Kind.FAILED, 0,
                "exec in " + name + ": the daemon did not start an operation"));
        JsonNode meta = op.metadata();
        int code = meta.path("return").asInt(-1);
        // stdout and stderr are read (and deleted) side by side: an exec costs three round trips, not five
        try (java.util.concurrent.ExecutorService both = java.util.concurrent.Executors
                .newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.Future<String> err = both.submit(() -> log(project, meta.path("output").path("2")
                    .asText(""), deleteOutput));
            String out = log(project, meta.path("output").path("1").asText(""), deleteOutput);
            return new ExecResult(code, out, err.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException(IncusException.Kind.FAILED, 0, "exec in " + name + ": interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Reads a recorded output file, then deletes it so repeated execs do not pile up logs on the member. Its path
     * names the instance but not the project, which must be passed.
     */
    private String log(String project, String path, boolean delete) {
        if (path.isEmpty()) {
            return "";
        }
        ApiPath file = new ApiPath(path, Map.of()).project(project);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.download(file, out, n -> { });
        if (!delete) {
            return out.toString(StandardCharsets.UTF_8);
        }
        try {
            client.send("DELETE", file, null, null);
        } catch (IncusException e) {
            // the output is read; a log file left behind is no reason to fail the exec
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /**
     * Creates a backup of the instance (with its snapshots unless {@code instanceOnly}) and waits for it. It is
     * gzip-compressed whatever the server's {@code backups.compression_algorithm} says (where the daemon lets us
     * choose): an export is named {@code .tar.gz}, and import reads gzip to check the config before upload.
     */
    public void createBackup(String project, String name, String backup, boolean instanceOnly) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", backup, "instance_only",
                instanceOnly, "optimized_storage", false));
        if (client.server().has("backup_compression_algorithm")) {
            body.put("compression_algorithm", "gzip");
        }
        client.call("POST", ApiPath.of("/1.0/instances", name, "backups").project(project), body, null,
                Duration.ofMinutes(30));
    }

    /** Streams a backup's tarball into {@code sink}; returns its size. */
    public long exportBackup(String project, String name, String backup, OutputStream sink, LongConsumer progress) {
        return client.download(ApiPath.of("/1.0/instances", name, "backups", backup, "export").project(project),
                sink, progress);
    }

    public void deleteBackup(String project, String name, String backup) {
        client.call("DELETE", ApiPath.of("/1.0/instances", name, "backups", backup).project(project), null, null,
                WAIT);
    }

    public List<String> backups(String project, String name) {
        List<String> urls = client.get(ApiPath.of("/1.0/instances", name, "backups").project(project),
                new TypeReference<List<String>>() { });
        return urls.stream().map(ApiPath::lastSegment).toList();
    }
}
