package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.ServerInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /1.0} (what the daemon is, its api_extensions) and the cluster's members, over each transport. */
@Tag("lab")
class ServerLabTest {

    @BeforeAll
    static void labIsHealthy() {
        Lab.awaitHealthy();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void serverInfoNamesTheDaemonAndItsExtensions(String transport, Endpoint endpoint) {
        try (IncusClient client = IncusClient.connect(endpoint)) {
            ServerInfo info = client.server();
            assertThat(info.apiVersion()).isEqualTo("1.0");
            assertThat(info.isTrusted()).isTrue();
            assertThat(info.flavour()).isEqualTo(Lab.server("kind"));
            assertThat(info.environment().serverVersion()).isEqualTo(Lab.server("version"));
            assertThat(info.environment().serverClustered()).isTrue();
            assertThat(info.environment().certificateFingerprint()).isEqualTo(Lab.clusterFingerprint());
            assertThat(info.apiExtensions()).hasSizeGreaterThan(100)
                    .contains("clustering", "projects", "network_state", "network_leases", "network_acl",
                            "network_dns_records", "custom_block_volumes", "container_backup", "instance_all_projects");
            assertThat(info.has("network_acl")).isTrue();
            assertThat(info.has("no_such_extension")).isFalse();
            if (Lab.server("version").equals("5.0.2")) {
                // gated in Instances.create: LXD 5.0.2 cannot start in the create request
                assertThat(info.has("instance_create_start")).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void clusterMembersAreOnlineWithRolesAndUrls(String transport, Endpoint endpoint) {
        try (IncusClient client = IncusClient.connect(endpoint)) {
            assertThat(client.cluster().isClustered()).isTrue();
            List<ClusterMember> members = client.cluster().members();
            assertThat(members).extracting(ClusterMember::serverName)
                    .containsExactlyInAnyOrderElementsOf(Lab.members());
            for (ClusterMember m : members) {
                assertThat(m.isOnline()).as("%s is %s: %s", m.serverName(), m.status(), m.message()).isTrue();
                assertThat(m.message()).isEqualTo("Fully operational");
                assertThat(m.url()).isEqualTo(Lab.url(m.serverName()).toString());
                assertThat(m.roles()).as("roles of %s", m.serverName()).isNotEmpty()
                        .allMatch(r -> r.startsWith("database"));
                assertThat(m.architecture()).isNotBlank();
            }
            assertThat(members).filteredOn(ClusterMember::database).isNotEmpty();
            assertThat(members).flatExtracting(ClusterMember::roles).contains("database-leader");
        }
    }
}
