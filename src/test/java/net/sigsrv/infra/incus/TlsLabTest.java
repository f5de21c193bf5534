package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.incus.transport.Pem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How the client refuses what it must not trust and reports what it cannot reach: an unknown server certificate
 * (with its fingerprint, so the user can check and pin it), a wrongly pinned one, no client certificate (the
 * server answers, untrusted), and endpoints that do not exist.
 */
@Tag("lab")
class TlsLabTest {

    @BeforeAll
    static void labIsHealthy() {
        Lab.awaitHealthy();
    }

    private static final Duration QUICKLY = Duration.ofSeconds(3);

    @Test
    void anUnknownServerCertificateIsRefusedWithItsFingerprint() {
        Endpoint.Https lab = Lab.https(Lab.members().getFirst());
        Endpoint.Https caOnly = new Endpoint.Https(lab.url(), lab.clientCert(), lab.clientKey(), List.of());
        assertRefusedAsUntrusted(caOnly);
    }

    @Test
    void aDifferentPinnedCertificateIsRefused() throws IOException {
        Endpoint.Https lab = Lab.https(Lab.members().getLast());
        // the lab's client certificate is a perfectly good certificate, just not the server's
        Endpoint.Https wrongPin = new Endpoint.Https(lab.url(), lab.clientCert(), lab.clientKey(),
                Pem.certificates(Lab.clientCertificate()));
        assertRefusedAsUntrusted(wrongPin);
    }

    @Test
    void withoutAClientCertificateTheServerAnswersButDoesNotTrustUs() {
        Endpoint.Https lab = Lab.https(Lab.members().getFirst());
        Endpoint.Https anonymous = new Endpoint.Https(lab.url(), Optional.empty(), Optional.empty(), lab.pinned());
        try (IncusClient client = IncusClient.connect(anonymous)) {
            assertThat(client.server().isTrusted()).isFalse();
            assertThat(client.server().auth()).isEqualTo("untrusted");
            assertThat(client.server().authMethods()).contains("tls");
            assertThatThrownBy(() -> client.projects().list()).isInstanceOfSatisfying(IncusException.class, e -> {
                assertThat(e.kind()).isEqualTo(IncusException.Kind.FORBIDDEN);
                assertThat(e.status()).isEqualTo(403);
            });
        }
    }

    @Test
    void aMissingUnixSocketIsUnreachableQuickly() {
        Path nowhere = Path.of("/var/lib/infra-lab/no-such-member-" + Lab.token(), "unix.socket");
        assertUnreachable(new Endpoint.Unix(nowhere), nowhere.toString());
    }

    @Test
    void aClosedPortIsUnreachableQuickly() {
        Endpoint.Https lab = Lab.https(Lab.members().getFirst());
        Endpoint.Https closed = new Endpoint.Https(URI.create("https://127.0.0.1:1"), lab.clientCert(),
                lab.clientKey(), lab.pinned());
        assertUnreachable(closed, "https://127.0.0.1:1");
    }

    private static void assertRefusedAsUntrusted(Endpoint.Https endpoint) {
        long start = System.nanoTime();
        try (IncusClient client = IncusClient.connect(endpoint)) {
            assertThatThrownBy(client::server).isInstanceOfSatisfying(IncusException.class, e -> {
                assertThat(e.kind()).isEqualTo(IncusException.Kind.UNTRUSTED_SERVER);
                assertThat(e.getMessage()).contains(Lab.clusterFingerprint()).contains(endpoint.url().toString());
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused without retrying").isLessThan(QUICKLY);
    }

    private static void assertUnreachable(Endpoint endpoint, String named) {
        long start = System.nanoTime();
        try (IncusClient client = IncusClient.connect(endpoint)) {
            assertThatThrownBy(client::server).isInstanceOfSatisfying(IncusException.class, e -> {
                assertThat(e.kind()).isEqualTo(IncusException.Kind.UNREACHABLE);
                assertThat(e.status()).isZero();
                assertThat(e.getMessage()).contains(named);
            });
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUICKLY);
    }
}
