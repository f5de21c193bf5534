package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.ServerInfo;

/** Cluster members. A standalone daemon reports itself as the one member, so callers need no special case. */
public final class Cluster {

    private final IncusClient client;

    Cluster(IncusClient client) {
        this.client = client;
    }

    public boolean isClustered() {
        return client.server().environment() != null && client.server().environment().serverClustered();
    }

    /**
     * The server as one member answers for itself ({@code GET /1.0?target=}): a member that does not answer fails
     * here, even while the cluster still lists it Online.
     */
    public ServerInfo server(String member) {
        return client.get(ApiPath.of("/1.0").target(member), new TypeReference<ServerInfo>() { });
    }

    public List<ClusterMember> members() {
        if (!isClustered()) {
            var env = client.server().environment();
            String name = env == null ? "local" : env.serverName();
            return List.of(new ClusterMember(name, client.endpoint().describe(), true, "Online",
                    "Standalone server", List.of(), "", "", List.of(), ""));
        }
        return client.get(ApiPath.of("/1.0/cluster/members").recursion(1),
                new TypeReference<List<ClusterMember>>() { });
    }
}
