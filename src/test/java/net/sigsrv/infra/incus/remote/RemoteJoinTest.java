package net.sigsrv.infra.incus.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.transport.OneKeyManager;
import net.sigsrv.infra.incus.transport.Pem;
import okhttp3.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code remote add} against a local HTTPS server standing in for a daemon on 127.0.0.1:8443 (the daemon's port):
 * a URL without a port fetches the certificate from, talks to and saves that same port.
 */
class RemoteJoinTest {

    @Test
    void aUrlWithoutAPortUsesTheDaemonsPortForTheCertificateTheApiAndTheSavedAddress(@TempDir Path dir)
            throws Exception {
        ClientCertificate.ensure(dir.resolve("server.crt"), dir.resolve("server.key"), "mock-incus");
        List<X509Certificate> chain = Pem.certificates(dir.resolve("server.crt"));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {new OneKeyManager(Pem.privateKey(dir.resolve("server.key")),
                chain.toArray(X509Certificate[]::new))}, null, null);
        try (MockWebServer daemon = new MockWebServer()) {
            daemon.useHttps(tls.getSocketFactory());
            daemon.setProtocols(List.of(Protocol.HTTP_1_1));
            daemon.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    return new MockResponse.Builder().setHeader("Content-Type", "application/json")
                            .body("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"metadata\":"
                                    + "{\"api_extensions\":[\"explicit_trust_token\"],\"api_version\":\"1.0\","
                                    + "\"auth\":\"trusted\",\"environment\":{\"server_clustered\":false,"
                                    + "\"server_name\":\"mock\"}}}").build();
                }
            });
            daemon.start(InetAddress.getByName("127.0.0.1"), RemoteJoin.DEFAULT_PORT);
            CliConfig config = new CliConfig(dir.resolve("config"));

            RemoteJoin.Joined joined = RemoteJoin.join(config, "mock", URI.create("https://127.0.0.1"),
                    token(Pem.fingerprint(chain.getFirst())));

            assertThat(joined.serverFingerprint()).isEqualTo(Pem.fingerprint(chain.getFirst()));
            assertThat(daemon.getRequestCount()).as("the API was asked on 8443 too").isGreaterThanOrEqualTo(1);
            assertThat(daemon.takeRequest().getUrl().port()).isEqualTo(8443);
            assertThat(Files.readString(config.dir().resolve("config.yml")))
                    .contains("addr: https://127.0.0.1:8443");
            Endpoint.Https saved = (Endpoint.Https) config.remotes().getFirst().endpoint();
            assertThat(saved.url()).isEqualTo(URI.create("https://127.0.0.1:8443"));
            assertThat(Pem.fingerprint(saved.pinned().getFirst())).isEqualTo(Pem.fingerprint(chain.getFirst()));
        }
    }

    @Test
    void theDefaultPortIsAddedOnlyWhereNoneIsGiven() {
        assertThat(RemoteJoin.withDefaultPort(URI.create("https://sigsrv.local"))).hasToString(
                "https://sigsrv.local:8443");
        assertThat(RemoteJoin.withDefaultPort(URI.create("https://[fd00::1]/"))).hasToString("https://[fd00::1]:8443/");
        assertThat(RemoteJoin.withDefaultPort(URI.create("https://sigsrv.local:9443"))).hasToString(
                "https://sigsrv.local:9443");
        assertThatThrownBy(() -> RemoteJoin.withDefaultPort(URI.create("http://sigsrv.local")))
                .hasMessage("URL 'http://sigsrv.local' is not https://HOST[:PORT]");
    }

    @Test
    void aNameThatIsNotPlainIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) {
        CliConfig config = new CliConfig(dir.resolve("config"));
        for (String name : List.of("../evil", "a/b", "..", ".", "", "white space", "x\ny", "semi;colon")) {
            assertThatThrownBy(() -> RemoteJoin.join(config, name, URI.create("https://127.0.0.1:1"),
                    token("00")))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a plain name: use only letters, digits, '_', '.' and '-'");
        }
        assertThat(config.dir()).doesNotExist();
    }

    static TrustToken token(String fingerprint) {
        String json = "{\"client_name\":\"infra\",\"fingerprint\":\"" + fingerprint + "\",\"addresses\":"
                + "[\"127.0.0.1:8443\"],\"secret\":\"s3cr3t\",\"expires_at\":\"0001-01-01T00:00:00Z\"}";
        return TrustToken.decode(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }
}
