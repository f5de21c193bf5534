package net.sigsrv.infra.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Resource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each kind of plan object reaches the same API path through the typed incus handles as it did through the raw
 * paths apply used to spell (apply/ApiPaths before issue 13): project only where the kind has one, names escaped
 * as path segments, the member of a volume on a local pool as {@code ?target=}.
 */
class IncusObjectsTest {

    private final IncusClient client = IncusClient.connect(new Endpoint.Http(URI.create("http://127.0.0.1:9")));

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void everyKindLivesWhereItAlwaysDid() {
        Map<Address, String> want = Map.of(
                Address.of(Kind.PROJECT, "p1"), "/1.0/projects/p1",
                Address.scoped(Kind.PROFILE, "p1", "big"), "/1.0/profiles/big?project=p1",
                Address.scoped(Kind.PROFILE, "default", "default"), "/1.0/profiles/default",
                Address.onMember(Kind.NETWORK_MEMBER, "br0", "sigsrv"), "/1.0/networks/br0",
                Address.of(Kind.ZONE, "lab.example"), "/1.0/network-zones/lab.example",
                Address.scoped(Kind.ZONE_RECORD, "lab.example", "web 1"),
                "/1.0/network-zones/lab.example/records/web%201",
                Address.of(Kind.ACL, "web"), "/1.0/network-acls/web",
                Address.onMember(Kind.POOL_MEMBER, "fast", "minisrv"), "/1.0/storage-pools/fast",
                Address.volume("p1", "fast", "data"), "/1.0/storage-pools/fast/volumes/custom/data?project=p1",
                Address.scoped(Kind.INSTANCE, "p1", "web"), "/1.0/instances/web?project=p1");
        want.forEach((a, path) -> assertThat(IncusObjects.object(client, a)).as(a.toString()).hasToString(path));
        assertThat(IncusObjects.object(client, Address.of(Kind.NETWORK, "br0"))).hasToString("/1.0/networks/br0");
        assertThat(IncusObjects.object(client, Address.of(Kind.POOL, "fast")))
                .hasToString("/1.0/storage-pools/fast");
    }

    @Test
    void aVolumeOnALocalPoolIsReachedOnItsMember() {
        Address data = Address.volume("p1", "local", "data");
        assertThat(IncusObjects.located(client, data, new Resource(data, Map.of("location", "minisrv"), true)))
                .hasToString("/1.0/storage-pools/local/volumes/custom/data?project=p1&target=minisrv");
        assertThat(IncusObjects.located(client, data, new Resource(data, Map.of(), true)))
                .hasToString("/1.0/storage-pools/local/volumes/custom/data?project=p1");
        Address web = Address.scoped(Kind.INSTANCE, "p1", "web");
        assertThat(IncusObjects.located(client, web, new Resource(web, Map.of("location", "minisrv"), true)))
                .as("only volumes are addressed on their member").hasToString("/1.0/instances/web?project=p1");
    }

    @Test
    void aPerMemberPartIsReachedWithTarget() {
        assertThat(IncusObjects.object(client, Address.onMember(Kind.NETWORK_MEMBER, "br0", "sigsrv"))
                .on("sigsrv")).hasToString("/1.0/networks/br0?target=sigsrv");
        assertThat(IncusObjects.object(client, Address.of(Kind.NETWORK, "br0")).on(null))
                .hasToString("/1.0/networks/br0");
    }
}
