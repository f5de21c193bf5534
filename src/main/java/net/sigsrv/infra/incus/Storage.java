package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.PoolResources;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;

/**
 * Storage pools (two-step creation on clusters, like networks), their usage per member, and custom volumes with
 * snapshots and copies. Volumes on local drivers live on one member: pass it as {@code member} on every call.
 */
public final class Storage {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private final IncusClient client;

    Storage(IncusClient client) {
        this.client = client;
    }

    public List<StoragePool> pools() {
        return client.get(ApiPath.of("/1.0/storage-pools").recursion(1), new TypeReference<List<StoragePool>>() { });
    }

    /** Every pool as one member sees it, with its member-specific keys (source, size) — one call. */
    public List<StoragePool> poolsOnMember(String member) {
        return client.get(ApiPath.of("/1.0/storage-pools").recursion(1).target(member),
                new TypeReference<List<StoragePool>>() { });
    }

    public Tagged<StoragePool> pool(String name, String member) {
        return client.getTagged(ApiPath.of("/1.0/storage-pools", name).target(member),
                new TypeReference<StoragePool>() { });
    }

    /**
     * Storage pool {@code name} as JSON, to edit field by field ({@link ApiObject}); its per-member part with
     * {@link ApiObject#on}.
     */
    public ApiObject poolObject(String name) {
        return new ApiObject(client, ApiPath.of("/1.0/storage-pools"), ApiPath.of("/1.0/storage-pools", name));
    }

    public void createPoolOnMember(String name, String driver, String member, Map<String, String> memberConfig) {
        client.call("POST", ApiPath.of("/1.0/storage-pools").target(member), Map.of("name", name, "driver", driver,
                "config", memberConfig), null, WAIT);
    }

    public void createPool(String name, String driver, String description, Map<String, String> config) {
        client.call("POST", ApiPath.of("/1.0/storage-pools"), Map.of("name", name, "driver", driver,
                "description", description, "config", config), null, WAIT);
    }

    public void deletePool(String name) {
        client.call("DELETE", ApiPath.of("/1.0/storage-pools", name), null, null, WAIT);
    }

    public PoolResources resources(String pool, String member) {
        return client.get(ApiPath.of("/1.0/storage-pools", pool, "resources").target(member),
                new TypeReference<PoolResources>() { });
    }

    /** The custom volumes of a pool on every member; the daemon's listing also holds snapshots, left out here. */
    public List<StorageVolume> volumes(String project, String pool) {
        return client.get(ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom").recursion(1).project(project),
                new TypeReference<List<StorageVolume>>() { }).stream().filter(v -> !isSnapshot(v)).toList();
    }

    private static boolean isSnapshot(StorageVolume v) {
        return v.name().contains("/");
    }

    /**
     * Custom volume {@code name} of {@code pool} in {@code project} as JSON, to edit field by field
     * ({@link ApiObject}); on a local pool, reach it on its member with {@link ApiObject#on}.
     */
    public ApiObject volumeObject(String project, String pool, String name) {
        return new ApiObject(client, ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom").project(project),
                ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom", name).project(project));
    }

    public Tagged<StorageVolume> volume(String project, String pool, String name, String member) {
        return client.getTagged(ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom", name).project(project)
                .target(member), new TypeReference<StorageVolume>() { });
    }

    /** Creates a custom volume; {@code contentType} is {@code filesystem} or {@code block}. */
    public void createVolume(String project, String pool, String name, String contentType, String member,
                             Map<String, String> config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "custom");
        body.put("content_type", contentType);
        body.put("config", config);
        client.call("POST", ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom").project(project)
                .target(member), body, null, WAIT);
    }

    public void updateVolume(String project, String pool, String name, String member, String description,
                             Map<String, String> config, String etag) {
        client.call("PUT", ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom", name).project(project)
                .target(member), Map.of("description", description, "config", config), etag, WAIT);
    }

    public void deleteVolume(String project, String pool, String name, String member) {
        client.call("DELETE", ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom", name).project(project)
                .target(member), null, null, WAIT);
    }

    public void snapshot(String project, String pool, String volume, String snapshot, String member) {
        client.call("POST", ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom", volume, "snapshots")
                .project(project).target(member), Map.of("name", snapshot), null, WAIT);
    }

    /**
     * The snapshot names of a custom volume on {@code member}, from the pool's volume listing for that member (which
     * carries snapshots as {@code volume/snapshot}). Not from the snapshots collection: LXD 5.0.2 answers that from
     * the member it is asked on only, ignoring {@code ?target=}, so a volume on another member seemed to have none.
     */
    public List<String> snapshots(String project, String pool, String volume, String member) {
        return client.get(ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom").recursion(1).project(project)
                .target(member), new TypeReference<List<StorageVolume>>() { }).stream()
                .filter(v -> v.name().startsWith(volume + "/") && (member == null || member.equals(v.location())))
                .map(v -> v.name().substring(volume.length() + 1)).toList();
    }

    public void deleteSnapshot(String project, String pool, String volume, String snapshot, String member) {
        client.call("DELETE", ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom", volume, "snapshots",
                snapshot).project(project).target(member), null, null, WAIT);
    }

    /** Copies {@code sourcePool/source} (a volume or {@code volume/snapshot}) to a new volume. */
    public void copyVolume(String project, String sourcePool, String source, String pool, String name,
                           String member) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "custom");
        body.put("source", Map.of("type", "copy", "pool", sourcePool, "name", source));
        client.call("POST", ApiPath.of("/1.0/storage-pools", pool, "volumes", "custom").project(project)
                .target(member), body, null, WAIT);
    }
}
