package net.sigsrv.infra.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.Json;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;
import net.sigsrv.infra.incus.api.ZoneRecord;
import org.junit.jupiter.api.Test;

/** API records → flat fields, on answers written as the daemon sends them (snake_case JSON, nulls, omissions). */
class ObservedTest {

    private final Observed observed = new Observed("lab", List.of());

    private static <T> T api(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json.replace('\'', '"'), type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Map<String, String> fields(String address) {
        return observed.resources().values().stream().filter(r -> r.address().toString().equals(address))
                .findFirst().orElseThrow(() -> new AssertionError(address + " not observed; observed: "
                        + observed.resources().keySet())).fields();
    }

    @Test
    void anInstanceLosesItsVolatileKeysAndKeepsTheRest() {
        observed.instance(api("""
                {'name': 'web1', 'project': 'p', 'type': 'container', 'status': 'Running', 'location': 'sigsrv',
                 'description': 'Web (managed by sigsrv-infra)', 'profiles': ['default', 'db'],
                 'config': {'image.os': 'busybox', 'volatile.eth0.hwaddr': '00:16:3e:00:00:01',
                            'user.sigsrv-infra.lab': 'lab', 'limits.cpu': '2'},
                 'devices': {'eth0': {'type': 'nic', 'network': 'br0'}},
                 'expanded_config': {'limits.memory': '1GiB'}}
                """, Instance.class));

        assertThat(fields("instance.p/web1")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "description", "Web (managed by sigsrv-infra)",
                "type", "container",
                "profiles", "default,db",
                "state", "running",
                "location", "sigsrv",
                "config.image.os", "busybox",
                "config.user.sigsrv-infra.lab", "lab",
                "config.limits.cpu", "2",
                "devices.eth0.type", "nic",
                "devices.eth0.network", "br0"));
        assertThat(observed.resources().values()).singleElement().extracting(Resource::owned).isEqualTo(true);
    }

    @Test
    void anyStatusButRunningIsStoppedAndAStandaloneLocationIsNone() {
        observed.instance(api("{'name': 'a', 'project': 'p', 'type': 'container', 'status': 'Frozen',"
                + " 'location': 'none'}", Instance.class));
        observed.instance(api("{'name': 'b', 'type': 'container', 'status': 'Stopped'}", Instance.class));

        assertThat(fields("instance.p/a")).containsEntry("state", "stopped").doesNotContainKey("location");
        assertThat(fields("instance.default/b")).as("no project means the default project")
                .containsEntry("state", "stopped");
    }

    @Test
    void ownershipIsThisLabsKeyExactly() {
        observed.project(api("{'name': 'mine', 'config': {'user.sigsrv-infra.lab': 'lab'}}", Project.class));
        observed.project(api("{'name': 'theirs', 'config': {'user.sigsrv-infra.lab': 'other'}}", Project.class));
        observed.project(api("{'name': 'nobodys', 'config': {}}", Project.class));

        assertThat(observed.resources().values()).filteredOn(Resource::owned).extracting(r -> r.address().name())
                .containsExactly("mine");
    }

    @Test
    void aPendingNetworkOrPoolHasOnlyItsMemberParts() {
        observed.network(api("{'name': 'br0', 'type': 'bridge', 'managed': true, 'status': 'Pending'}",
                Network.class));
        observed.networkOnMember("sigsrv", api("{'name': 'br0', 'type': 'bridge', 'managed': true,"
                + " 'status': 'Pending', 'config': {'bridge.external_interfaces': 'vlan20'}}", Network.class));
        observed.pool(api("{'name': 'fast', 'driver': 'zfs', 'status': 'Pending'}", StoragePool.class));
        observed.poolOnMember("sigsrv", api("{'name': 'fast', 'driver': 'zfs', 'status': 'Pending',"
                + " 'config': {'source': '/dev/sdb', 'zfs.pool_name': 'fast'}}", StoragePool.class));

        assertThat(observed.resources().keySet()).extracting(Address::toString)
                .containsExactlyInAnyOrder("network.br0@sigsrv", "pool.fast@sigsrv");
        assertThat(fields("network.br0@sigsrv")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "type", "bridge", "config.bridge.external_interfaces", "vlan20"));
        assertThat(fields("pool.fast@sigsrv")).as("only the member keys the spec can declare")
                .containsExactlyInAnyOrderEntriesOf(Map.of("driver", "zfs", "config.source", "/dev/sdb"));
    }

    @Test
    void hostInterfacesAreNotNetworksOfTheLab() {
        observed.network(api("{'name': 'eth0', 'type': 'physical', 'managed': false}", Network.class));
        observed.networkOnMember("sigsrv", api("{'name': 'eth0', 'type': 'physical', 'managed': false}",
                Network.class));

        assertThat(observed.resources()).isEmpty();
    }

    @Test
    void onlyCustomVolumesAndTheContentTypeDefaultsToFilesystem() {
        observed.volume("p", "fast", api("{'name': 'web1', 'type': 'container', 'location': 'sigsrv'}",
                StorageVolume.class));
        observed.volume("p", "fast", api("{'name': 'data', 'type': 'custom', 'location': 'sigsrv',"
                + " 'config': {'size': '4GiB'}}", StorageVolume.class));
        observed.volume("p", "remote", api("{'name': 'shared', 'type': 'custom', 'content_type': 'block',"
                + " 'location': ''}", StorageVolume.class));

        assertThat(observed.resources().keySet()).extracting(Address::toString)
                .containsExactlyInAnyOrder("volume.p/fast/data", "volume.p/remote/shared");
        assertThat(fields("volume.p/fast/data")).containsEntry("content_type", "filesystem")
                .containsEntry("location", "sigsrv").containsEntry("config.size", "4GiB");
        assertThat(fields("volume.p/remote/shared")).containsEntry("content_type", "block")
                .doesNotContainKey("location");
    }

    @Test
    void aProjectWithoutItsOwnProfilesAndVolumesListsTheDefaultProjectsAndTheyAreNotCountedTwice() {
        observed.project(api("{'name': 'default', 'config': {'features.profiles': 'true'}}", Project.class));
        observed.project(api("{'name': 'shared', 'config': {'features.profiles': 'false'}}", Project.class));
        observed.project(api("{'name': 'own', 'config': {'features.profiles': 'true',"
                + " 'features.storage.volumes': 'true'}}", Project.class));
        Profile web = api("{'name': 'web', 'config': {'user.sigsrv-infra.lab': 'lab'}}", Profile.class);
        StorageVolume data = api("{'name': 'data', 'type': 'custom', 'project': 'default',"
                + " 'config': {'user.sigsrv-infra.lab': 'lab'}}", StorageVolume.class);
        for (String project : List.of("default", "shared", "own")) {
            observed.profile(project, web);
            observed.volume(project, "fast", data);
        }

        assertThat(observed.resources().keySet()).extracting(Address::toString).containsExactlyInAnyOrder(
                "project.default", "project.shared", "project.own",
                "profile.default/web", "profile.own/web",
                "volume.default/fast/data", "volume.own/fast/data");
    }

    @Test
    void aProjectNotObservedIsTakenAtItsWord() {
        observed.profile("p", api("{'name': 'web'}", Profile.class));

        assertThat(observed.resources().keySet()).extracting(Address::toString).containsExactly("profile.p/web");
    }

    @Test
    void aRecordWithoutTtlHasTheDaemonsDefault() {
        observed.record("lab.internal", api("{'name': 'api', 'entries': [{'type': 'A', 'value': '10.0.0.1'},"
                + " {'type': 'A', 'value': '10.0.0.2', 'ttl': 60}]}", ZoneRecord.class));

        assertThat(fields("zone_record.lab.internal/api")).containsEntry("entries.0.ttl", "300")
                .containsEntry("entries.1.value", "10.0.0.2").containsEntry("entries.1.ttl", "60");
    }

    @Test
    void aclRulesKeepOnlyWhatIsSet() {
        observed.acl(api("""
                {'name': 'web', 'description': 'Web',
                 'ingress': [{'action': 'allow', 'protocol': 'tcp', 'destination_port': '80', 'source': '',
                              'state': 'enabled'}],
                 'egress': [{'action': 'reject', 'destination': '@external', 'state': 'logged'}]}
                """, NetworkAcl.class));

        assertThat(fields("acl.web")).containsExactlyInAnyOrderEntriesOf(Map.of(
                "description", "Web",
                "ingress.0.action", "allow",
                "ingress.0.protocol", "tcp",
                "ingress.0.destination_port", "80",
                "ingress.0.state", "enabled",
                "egress.0.action", "reject",
                "egress.0.destination", "@external",
                "egress.0.state", "logged"));
    }
}
