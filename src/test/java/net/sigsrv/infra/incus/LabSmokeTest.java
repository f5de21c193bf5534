package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import net.sigsrv.infra.incus.api.ClusterMember;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
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

    /**
     * A pooled unix-socket connection idle past OkHttp's 10 s health-check age must not hang the next write (OkHttp
     * health-checks before non-GET requests with a 1 ms read timeout).
     */
    @Test
    void aUnixConnectionIdleForElevenSecondsStillTakesAWrite() {
        String name = "smoke" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            assertThat(client.projects().list()).isNotEmpty();
            assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
                Thread.sleep(11_000);
                client.projects().create(name, "idle-connection check", Map.of());
                client.projects().delete(name);
            });
        }
    }
}
