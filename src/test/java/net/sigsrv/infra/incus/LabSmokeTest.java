package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;

import net.sigsrv.infra.incus.api.ClusterMember;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("lab")
class LabSmokeTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void seesBothMembersOnline(String transport, Endpoint endpoint) {
        try (IncusClient client = IncusClient.connect(endpoint)) {
            assertThat(client.server().isTrusted()).isTrue();
            assertThat(client.server().flavour()).isEqualTo("lxd");
            assertThat(client.cluster().members()).extracting(ClusterMember::serverName)
                    .containsExactlyInAnyOrderElementsOf(Lab.members());
            assertThat(client.cluster().members()).allMatch(ClusterMember::isOnline);
        }
    }
}
