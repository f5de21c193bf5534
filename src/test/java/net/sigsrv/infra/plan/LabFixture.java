package net.sigsrv.infra.plan;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import net.sigsrv.infra.incus.Json;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;
import net.sigsrv.infra.incus.api.ZoneRecord;

/**
 * The {@code observed.json} of a plan scenario: the lab as the API returns it, with the API's own field names, read
 * by the client's mapper and fed to an {@link Observed} through its public methods in the order
 * {@code apply.Observer} uses (projects first). Keys, all optional except {@code clustered}:
 * <pre>
 * clustered            whether the daemon is a cluster member (false: a standalone daemon)
 * members              [ClusterMember]  GET /1.0/cluster/members?recursion=1 (a standalone daemon lists itself)
 * projects             [Project]        GET /1.0/projects?recursion=1
 * pools                [StoragePool]    GET /1.0/storage-pools?recursion=1
 * zones                [NetworkZone]    GET /1.0/network-zones?recursion=1
 * acls                 [NetworkAcl]     GET /1.0/network-acls?recursion=1
 * networks             [Network]        GET /1.0/networks?recursion=1
 * profiles             {PROJECT: [Profile]}              GET /1.0/profiles?recursion=1&amp;project=PROJECT
 * instances            [Instance]       GET /1.0/instances?recursion=2&amp;project=… for every project, together
 * volumes              {"PROJECT/POOL": [StorageVolume]} GET /1.0/storage-pools/POOL/volumes?recursion=1&amp;project=P
 * records              {ZONE: [ZoneRecord]}              GET /1.0/network-zones/ZONE/records?recursion=1
 * networks_on_member   {MEMBER: [Network]}               GET /1.0/networks/NAME?target=MEMBER for each network
 * pools_on_member      {MEMBER: [StoragePool]}           GET /1.0/storage-pools/NAME?target=MEMBER for each pool
 * bridges_missing      {MEMBER: [NAME]}                  GET /1.0/networks/NAME/state?target=MEMBER answered 404
 * </pre>
 * An unknown key fails the test, so a misspelt one cannot silently leave a part of the lab out.
 */
record LabFixture(boolean clustered, Observed observed) {

    private static final ObjectMapper MAPPER = Json.MAPPER;
    private static final Set<String> KEYS = Set.of("clustered", "members", "projects", "pools", "zones", "acls",
            "networks", "profiles", "instances", "volumes", "records", "networks_on_member", "pools_on_member",
            "bridges_missing");

    static LabFixture load(Path file, String lab) throws IOException {
        JsonNode root = MAPPER.readTree(Files.readString(file));
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(file + ": unknown key " + key + " (known: " + KEYS + ")");
            }
        }
        if (!root.path("clustered").isBoolean()) {
            throw new IllegalArgumentException(file + ": say \"clustered\": true or false");
        }
        Observed o = new Observed(lab, list(root, "members", new TypeReference<List<ClusterMember>>() { }));
        list(root, "projects", new TypeReference<List<Project>>() { }).forEach(o::project);
        list(root, "pools", new TypeReference<List<StoragePool>>() { }).forEach(o::pool);
        list(root, "zones", new TypeReference<List<NetworkZone>>() { }).forEach(o::zone);
        list(root, "acls", new TypeReference<List<NetworkAcl>>() { }).forEach(o::acl);
        list(root, "networks", new TypeReference<List<Network>>() { }).forEach(o::network);
        byKey(root, "profiles", new TypeReference<List<Profile>>() { }, o::profile);
        list(root, "instances", new TypeReference<List<Instance>>() { }).forEach(o::instance);
        byKey(root, "volumes", new TypeReference<List<StorageVolume>>() { }, (projectAndPool, v) -> {
            int slash = projectAndPool.indexOf('/');
            if (slash < 0) {
                throw new IllegalArgumentException(file + ": volumes are keyed \"PROJECT/POOL\", not "
                        + projectAndPool);
            }
            o.volume(projectAndPool.substring(0, slash), projectAndPool.substring(slash + 1), v);
        });
        byKey(root, "records", new TypeReference<List<ZoneRecord>>() { }, o::record);
        byKey(root, "networks_on_member", new TypeReference<List<Network>>() { }, o::networkOnMember);
        byKey(root, "pools_on_member", new TypeReference<List<StoragePool>>() { }, o::poolOnMember);
        byKey(root, "bridges_missing", new TypeReference<List<String>>() { }, o::bridgeMissing);
        return new LabFixture(root.get("clustered").asBoolean(), o);
    }

    private static <T> List<T> list(JsonNode root, String key, TypeReference<List<T>> type) {
        return root.has(key) ? MAPPER.convertValue(root.get(key), type) : List.of();
    }

    private static <T> void byKey(JsonNode root, String key, TypeReference<List<T>> type, BiConsumer<String, T> to) {
        if (!root.has(key)) {
            return;
        }
        Map<String, List<T>> groups = new LinkedHashMap<>();
        root.get(key).fields().forEachRemaining(e -> groups.put(e.getKey(), MAPPER.convertValue(e.getValue(), type)));
        groups.forEach((k, items) -> items.forEach(item -> to.accept(k, item)));
    }
}
