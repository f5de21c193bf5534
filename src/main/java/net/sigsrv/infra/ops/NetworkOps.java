package net.sigsrv.infra.ops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.ZoneRecord;

/** Networks (per member), network zones with their records, and network ACLs with their rules. */
public final class NetworkOps {

    private final IncusClient client;

    public NetworkOps(IncusClient client) {
        this.client = client;
    }

    /** A network as one member sees it: its config with the member's own keys, and its live state there. */
    public record MemberView(String member, Network network, NetworkState state) {
    }

    public List<Network> list(String project) {
        return client.networks().list(project);
    }

    /** The network on {@code member}, or on every member when it is null. */
    public List<MemberView> show(String project, String name, String member) {
        List<String> members = member != null ? List.of(member)
                : client.cluster().members().stream().map(ClusterMember::serverName).toList();
        boolean clustered = client.cluster().isClustered();
        List<MemberView> out = new ArrayList<>();
        for (String m : members) {
            String target = clustered ? m : null;
            Network n = client.networks().get(project, name, target).value();
            NetworkState state = n.managed() || !n.type().isEmpty() ? stateOrNull(name, target) : null;
            out.add(new MemberView(m, n, state));
        }
        return out;
    }

    private NetworkState stateOrNull(String name, String member) {
        try {
            return client.networks().state(name, member);
        } catch (IncusException e) {
            return null; // a network that is pending on this member has no state yet
        }
    }

    /**
     * Sets one config key: a member-specific key ({@code bridge.external_interfaces}, …) on {@code member}, any
     * other key for the whole network ({@code member} null). An empty value removes the key.
     */
    public void set(String project, String name, String key, String value, String member) {
        ReservedKeys.refuse("network " + name + " in project " + project, List.of(key));
        Tagged<Network> n = client.networks().get(project, name, member);
        if (member != null) {
            client.networks().patch(project, name, member, Map.of(key, value), n.etag());
            return;
        }
        Map<String, String> config = new LinkedHashMap<>(n.value().config());
        if (value.isEmpty()) {
            config.remove(key);
        } else {
            config.put(key, value);
        }
        client.networks().update(project, name, n.value().description(), config, n.etag());
    }

    public List<NetworkZone> zones() {
        return client.networks().zones();
    }

    public List<ZoneRecord> records(String zone) {
        return client.networks().records(zone);
    }

    /** Creates a record with one entry, e.g. an A record {@code web → 10.0.0.5} with a TTL in seconds. */
    public void createRecord(String zone, String name, String type, String value, long ttl) {
        client.networks().createRecord(zone, name, "", List.of(new ZoneRecord.Entry(type, value, ttl)));
    }

    public void deleteRecord(String zone, String name) {
        client.networks().deleteRecord(zone, name);
    }

    public List<NetworkAcl> acls(String project) {
        return client.networks().acls(project);
    }

    public NetworkAcl acl(String project, String name) {
        return client.networks().acl(project, name).value();
    }

    /**
     * Appends a rule to the ACL's {@code ingress} or {@code egress} list, guarded by the ETag. The rule is given the
     * incus way, {@code key=value} words: action, source, destination, protocol, source_port, destination_port,
     * icmp_type, icmp_code, state, description.
     */
    public void addRule(String project, String acl, String direction, Map<String, String> rule) {
        if (!direction.equals("ingress") && !direction.equals("egress")) {
            throw new Refused("direction '" + direction + "' is neither ingress nor egress");
        }
        List<String> known = Arrays.asList("action", "source", "destination", "protocol", "source_port",
                "destination_port", "icmp_type", "icmp_code", "state", "description");
        for (String k : rule.keySet()) {
            if (!known.contains(k)) {
                throw new Refused("unknown ACL rule key '" + k + "'; known keys: " + String.join(", ", known));
            }
        }
        if (!rule.containsKey("action")) {
            throw new Refused("an ACL rule needs action=allow|reject|drop");
        }
        NetworkAcl.Rule r = new NetworkAcl.Rule(rule.get("action"), rule.get("source"), rule.get("destination"),
                rule.get("protocol"), rule.get("source_port"), rule.get("destination_port"), rule.get("icmp_type"),
                rule.get("icmp_code"), rule.getOrDefault("state", "enabled"), rule.get("description"));
        Tagged<NetworkAcl> t = client.networks().acl(project, acl);
        List<NetworkAcl.Rule> ingress = new ArrayList<>(t.value().ingress());
        List<NetworkAcl.Rule> egress = new ArrayList<>(t.value().egress());
        (direction.equals("ingress") ? ingress : egress).add(r);
        client.networks().updateAcl(project, acl, t.value().description(), ingress, egress, t.etag());
    }

    /** Adds the ACL to the network's {@code security.acls} (kept when already there). */
    public void attach(String project, String acl, String network) {
        Tagged<Network> n = client.networks().get(project, network, null);
        List<String> acls = new ArrayList<>();
        for (String a : n.value().config().getOrDefault("security.acls", "").split(",")) {
            if (!a.isBlank()) {
                acls.add(a.strip());
            }
        }
        if (!acls.contains(acl)) {
            acls.add(acl);
        }
        Map<String, String> config = new LinkedHashMap<>(n.value().config());
        config.put("security.acls", String.join(",", acls));
        client.networks().update(project, network, n.value().description(), config, n.etag());
    }
}
