package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.type.TypeReference;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.incus.api.NetworkLease;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.ZoneRecord;

/**
 * Networks (with the cluster's two-step creation: per member with {@code ?target=}, then globally), their
 * per-member state and DHCP leases, network zones with records, and ACLs.
 */
public final class Networks {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private final IncusClient client;

    Networks(IncusClient client) {
        this.client = client;
    }

    public List<Network> list(String project) {
        return client.get(ApiPath.of("/1.0/networks").recursion(1).project(project),
                new TypeReference<List<Network>>() { });
    }

    /** Every network as one member sees it, with its member-specific keys (one call). */
    public List<Network> listOnMember(String project, String member) {
        return client.get(ApiPath.of("/1.0/networks").recursion(1).project(project).target(member),
                new TypeReference<List<Network>>() { });
    }

    /** A network as one member sees it, with member-specific keys (e.g. {@code bridge.external_interfaces}). */
    public Tagged<Network> get(String project, String name, String member) {
        return client.getTagged(ApiPath.of("/1.0/networks", name).project(project).target(member),
                new TypeReference<Network>() { });
    }

    /** Step one on a cluster: define the network on one member with its member-specific keys (→ Pending). */
    public void createOnMember(String project, String name, String type, String member,
                               Map<String, String> memberConfig) {
        client.call("POST", ApiPath.of("/1.0/networks").project(project).target(member), body(name, type, "",
                memberConfig), null, WAIT);
    }

    /** Step two (or the only step on a standalone daemon): create it everywhere with the global keys. */
    public void create(String project, String name, String type, String description, Map<String, String> config) {
        client.call("POST", ApiPath.of("/1.0/networks").project(project), body(name, type, description, config),
                null, WAIT);
    }

    /** PATCH merges config keys; with {@code member} only that member's keys. */
    public void patch(String project, String name, String member, Map<String, String> config, String etag) {
        client.call("PATCH", ApiPath.of("/1.0/networks", name).project(project).target(member),
                Map.of("config", config), etag, WAIT);
    }

    public void update(String project, String name, String description, Map<String, String> config, String etag) {
        client.call("PUT", ApiPath.of("/1.0/networks", name).project(project), Map.of("description", description,
                "config", config), etag, WAIT);
    }

    /**
     * A network of the default project as JSON, to edit field by field ({@link ApiObject}); its per-member part
     * with {@link ApiObject#on}.
     */
    public ApiObject object(String name) {
        return new ApiObject(client, ApiPath.of("/1.0/networks"), ApiPath.of("/1.0/networks", name));
    }

    /** A network of the default project as {@code member} sees it (null: its global keys), without its ETag. */
    public Network read(String name, String member) {
        return client.get(ApiPath.of("/1.0/networks", name).target(member), new TypeReference<Network>() { });
    }

    public void delete(String project, String name) {
        client.call("DELETE", ApiPath.of("/1.0/networks", name).project(project), null, null, WAIT);
    }

    /** State of a network or any host interface on one member (bridge upper devices, addresses, VLAN, MTU). */
    public NetworkState state(String name, String member) {
        return client.get(ApiPath.of("/1.0/networks", name, "state").target(member),
                new TypeReference<NetworkState>() { });
    }

    /**
     * DHCP leases (and the gateway) of a network, across members. {@code project} is the project whose instances'
     * leases are listed: a bridge of the default project used from another project shows that project's leases
     * only when asked with it.
     */
    public List<NetworkLease> leases(String project, String name) {
        return client.get(ApiPath.of("/1.0/networks", name, "leases").project(project),
                new TypeReference<List<NetworkLease>>() { });
    }

    public List<NetworkZone> zones() {
        return client.get(ApiPath.of("/1.0/network-zones").recursion(1), new TypeReference<List<NetworkZone>>() { });
    }

    /** Network zone {@code name} as JSON, to edit field by field ({@link ApiObject}). */
    public ApiObject zoneObject(String name) {
        return new ApiObject(client, ApiPath.of("/1.0/network-zones"), ApiPath.of("/1.0/network-zones", name));
    }

    /** Record {@code name} of network zone {@code zone} as JSON, to edit field by field ({@link ApiObject}). */
    public ApiObject recordObject(String zone, String name) {
        return new ApiObject(client, ApiPath.of("/1.0/network-zones", zone, "records"),
                ApiPath.of("/1.0/network-zones", zone, "records", name));
    }

    public void createZone(String name, String description, Map<String, String> config) {
        client.call("POST", ApiPath.of("/1.0/network-zones"), Map.of("name", name, "description", description,
                "config", config), null, WAIT);
    }

    public void deleteZone(String name) {
        client.call("DELETE", ApiPath.of("/1.0/network-zones", name), null, null, WAIT);
    }

    public List<ZoneRecord> records(String zone) {
        return client.get(ApiPath.of("/1.0/network-zones", zone, "records").recursion(1),
                new TypeReference<List<ZoneRecord>>() { });
    }

    public void createRecord(String zone, String name, String description, List<ZoneRecord.Entry> entries) {
        client.call("POST", ApiPath.of("/1.0/network-zones", zone, "records"), Map.of("name", name,
                "description", description, "entries", entries), null, WAIT);
    }

    public void deleteRecord(String zone, String name) {
        client.call("DELETE", ApiPath.of("/1.0/network-zones", zone, "records", name), null, null, WAIT);
    }

    public List<NetworkAcl> acls(String project) {
        return client.get(ApiPath.of("/1.0/network-acls").recursion(1).project(project),
                new TypeReference<List<NetworkAcl>>() { });
    }

    /** Network ACL {@code name} of the default project as JSON, to edit field by field ({@link ApiObject}). */
    public ApiObject aclObject(String name) {
        return new ApiObject(client, ApiPath.of("/1.0/network-acls"), ApiPath.of("/1.0/network-acls", name));
    }

    public Tagged<NetworkAcl> acl(String project, String name) {
        return client.getTagged(ApiPath.of("/1.0/network-acls", name).project(project),
                new TypeReference<NetworkAcl>() { });
    }

    public void createAcl(String project, String name, String description, List<NetworkAcl.Rule> ingress,
                          List<NetworkAcl.Rule> egress) {
        client.call("POST", ApiPath.of("/1.0/network-acls").project(project), Map.of("name", name, "description",
                description, "ingress", ingress, "egress", egress), null, WAIT);
    }

    public void updateAcl(String project, String name, String description, List<NetworkAcl.Rule> ingress,
                          List<NetworkAcl.Rule> egress, String etag) {
        client.call("PUT", ApiPath.of("/1.0/network-acls", name).project(project), Map.of("description",
                description, "ingress", ingress, "egress", egress), etag, WAIT);
    }

    public void deleteAcl(String project, String name) {
        client.call("DELETE", ApiPath.of("/1.0/network-acls", name).project(project), null, null, WAIT);
    }

    private static Map<String, Object> body(String name, String type, String description, Map<String, String> c) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("type", type);
        b.put("description", description);
        b.put("config", c);
        return b;
    }
}
