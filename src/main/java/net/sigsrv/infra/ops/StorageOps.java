package net.sigsrv.infra.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.PoolResources;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;

/**
 * Storage pools with their usage per member, and custom volumes: create, attach to an instance at a path, detach,
 * delete (obeying protection). A volume on a local pool lives on one member; when no member is given it is found
 * from the pool's listing, so users name volumes as {@code POOL VOLUME} like the incus CLI.
 */
public final class StorageOps {

    private final IncusClient client;
    private final Guards guards;

    public StorageOps(IncusClient client, Guards guards) {
        this.client = client;
        this.guards = guards;
    }

    /** A pool's space and inodes on one member. */
    public record MemberUsage(String member, PoolResources resources) {
    }

    /** A custom volume with the pool it is in. */
    public record VolumeRow(String pool, StorageVolume volume) {
    }

    public List<StoragePool> pools() {
        return client.storage().pools();
    }

    /** The pool's usage on {@code member}, or on every member when it is null. */
    public List<MemberUsage> poolInfo(String pool, String member) {
        List<String> members = member != null ? List.of(member)
                : client.cluster().members().stream().map(ClusterMember::serverName).toList();
        boolean clustered = client.cluster().isClustered();
        List<MemberUsage> out = new ArrayList<>();
        for (String m : members) {
            out.add(new MemberUsage(m, client.storage().resources(pool, clustered ? m : null)));
        }
        return out;
    }

    /** The custom volumes of {@code pool}, or of every pool when it is null. */
    public List<VolumeRow> volumes(String project, String pool) {
        List<String> pools = pool != null ? List.of(pool) : pools().stream().map(StoragePool::name).toList();
        List<VolumeRow> out = new ArrayList<>();
        for (String p : pools) {
            client.storage().volumes(project, p).forEach(v -> out.add(new VolumeRow(p, v)));
        }
        return out;
    }

    /**
     * Creates a custom volume; {@code size} like {@code 1GiB} (null: the pool's default), {@code contentType}
     * filesystem or block, {@code member} where a local pool keeps it (null: the cluster picks).
     */
    public void createVolume(String project, String pool, String name, String size, String contentType,
                             String member) {
        Map<String, String> config = new LinkedHashMap<>();
        if (size != null) {
            config.put("size", size);
        }
        client.storage().createVolume(project, pool, name, contentType, member, config);
    }

    /**
     * The member a volume lives on: {@code member} when given, else the one the pool's listing names (null for a
     * remote pool or a standalone daemon). Refused when the name is on several members and none was given.
     */
    public String locate(String project, String pool, String volume, String member) {
        if (member != null || !client.cluster().isClustered()) {
            return member;
        }
        List<String> where = client.storage().volumes(project, pool).stream().filter(v -> v.name().equals(volume))
                .map(StorageVolume::location).distinct().toList();
        if (where.isEmpty()) {
            throw new IncusException(IncusException.Kind.NOT_FOUND, 404, "volume " + volume + " not found in pool "
                    + pool + " (project " + project + ")");
        }
        if (where.size() > 1) {
            throw new Refused("volume " + pool + "/" + volume + " exists on " + String.join(" and ", where)
                    + "; say which with --target");
        }
        return where.getFirst().isEmpty() ? null : where.getFirst();
    }

    /** Adds a disk device {@code device} for the volume to the instance, mounted at {@code path}. */
    public void attach(String project, String pool, String volume, String instance, String path, String device) {
        Tagged<Instance> t = client.instances().get(project, instance);
        Map<String, Map<String, String>> devices = new LinkedHashMap<>(t.value().devices());
        if (devices.containsKey(device)) {
            throw new Refused("instance " + instance + " already has a device named " + device
                    + "; pick another with --device");
        }
        Map<String, String> disk = new LinkedHashMap<>();
        disk.put("type", "disk");
        disk.put("pool", pool);
        disk.put("source", volume);
        if (path != null) {
            disk.put("path", path);
        }
        devices.put(device, disk);
        client.instances().update(project, instance, InstanceOps.writable(t.value(), t.value().config(), devices),
                t.etag());
    }

    /** Removes the instance's disk devices that use {@code pool/volume}; refused when there is none. */
    public void detach(String project, String pool, String volume, String instance) {
        Tagged<Instance> t = client.instances().get(project, instance);
        Map<String, Map<String, String>> devices = new LinkedHashMap<>(t.value().devices());
        boolean removed = devices.values().removeIf(d -> "disk".equals(d.get("type")) && pool.equals(d.get("pool"))
                && volume.equals(d.get("source")));
        if (!removed) {
            throw new Refused("instance " + instance + " has no disk device of volume " + pool + "/" + volume
                    + " (devices from profiles are changed in the profile)");
        }
        client.instances().update(project, instance, InstanceOps.writable(t.value(), t.value().config(), devices),
                t.etag());
    }

    /** Deletes a custom volume; refused when the spec protects it (a disk of a protected instance). */
    public void deleteVolume(String project, String pool, String volume, String member) {
        guards.checkDelete("volume", project, pool + "/" + volume);
        client.storage().deleteVolume(project, pool, volume, locate(project, pool, volume, member));
    }
}
