package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import net.sigsrv.infra.incus.api.ServerInfo;
import okhttp3.Protocol;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's answers to what a real daemon never sends — a 500 whose body is not JSON, an async answer without an
 * operation, a connection dropped mid-request — over HTTPS to a local mock server with a pinned certificate.
 * Everything a daemon does send is tested against the lab ({@code *LabTest}).
 */
class IncusClientErrorsTest {

    /** Closes the connection as soon as the request arrives, as a daemon that crashed would. */
    private static final SocketEffect DROP = new SocketEffect.CloseSocket(true, false, false);

    private static SSLContext serverTls;
    private static X509Certificate serverCert;

    private MockWebServer server;
    private IncusClient client;

    @BeforeAll
    static void selfSignedServerCertificate() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=mock-incus");
        Instant now = Instant.now();
        serverCert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minusSeconds(60)), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", keys.getPrivate(), new char[0], new X509Certificate[] {serverCert});
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(store, new char[0]);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(managers.getKeyManagers(), null, null);
    }

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.useHttps(serverTls.getSocketFactory());
        server.setProtocols(List.of(Protocol.HTTP_1_1));
        server.start();
        client = IncusClient.connect(new Endpoint.Https(server.url("/").uri(), Optional.empty(), Optional.empty(),
                List.of(serverCert)));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void aBodyThatIsNotJsonIsReportedWithTheStatusAndItsStart() {
        server.enqueue(new MockResponse.Builder().code(500).setHeader("Content-Type", "text/html")
                .body("<html><body>502 Bad Gateway from a proxy</body></html>").build());
        assertThatThrownBy(() -> client.instances().delete("default", "web")).isInstanceOfSatisfying(
                IncusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IncusException.Kind.FAILED);
                    assertThat(e.status()).isEqualTo(500);
                    assertThat(e.getMessage()).contains("DELETE /1.0/instances/web", "HTTP 500", "not JSON",
                            "<html><body>502 Bad Gateway");
                });
    }

    @Test
    void anAsyncAnswerWithoutAnOperationIsAFailureNotASuccess() {
        server.enqueue(json(202, "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,"
                + "\"operation\":\"\",\"metadata\":{}}"));
        assertThatThrownBy(() -> client.instances().setState("default", "web", "start", false))
                .isInstanceOfSatisfying(IncusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IncusException.Kind.FAILED);
                    assertThat(e.getMessage()).contains("PUT /1.0/instances/web/state", "without naming the operation");
                });
    }

    /** What LXD 5.0.2 answered when the member running an operation restarted while the client waited on it. */
    @Test
    void anOperationThatVanishesWhileWaitedOnSaysSoAndWhereToLook() throws Exception {
        server.enqueue(json(202, "{\"type\":\"async\",\"status\":\"Operation created\",\"status_code\":100,"
                + "\"operation\":\"/1.0/operations/7c1e?project=web\",\"metadata\":{}}"));
        server.enqueue(json(404, "{\"type\":\"error\",\"error\":\"Operation not found\",\"error_code\":404}"));
        assertThatThrownBy(() -> client.instances().setState("web", "db", "start", false))
                .isInstanceOfSatisfying(IncusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IncusException.Kind.OPERATION_FAILED);
                    assertThat(e.getMessage()).contains("/1.0/operations/7c1e", "is gone from the daemon",
                            "did its member restart?", "next plan");
                });
        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/1.0/operations/7c1e/wait?project=web&timeout=30");
    }

    @Test
    void anErrorEnvelopeKeepsTheDaemonsMessageAndCode() {
        server.enqueue(json(412, "{\"type\":\"error\",\"error\":\"ETag doesn't match: a vs b\",\"error_code\":412}"));
        assertThatThrownBy(() -> client.projects().update("p", "", Map.of(), "b")).isInstanceOfSatisfying(
                IncusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IncusException.Kind.CHANGED);
                    assertThat(e.getMessage()).contains("PUT /1.0/projects/p", "changed since it was read",
                            "ETag doesn't match: a vs b");
                });
    }

    @Test
    void aReadIsRetriedAfterADroppedConnection() throws Exception {
        server.enqueue(new MockResponse.Builder().onRequestStart(DROP).build());
        server.enqueue(json(200, "{\"type\":\"sync\",\"status_code\":200,\"metadata\":{\"api_version\":\"1.0\","
                + "\"auth\":\"trusted\",\"api_extensions\":[\"projects\"]}}"));
        ServerInfo info = client.get(ApiPath.of("/1.0"), new TypeReference<ServerInfo>() { });
        assertThat(info.has("projects")).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void aWriteIsNeverRetried() {
        server.enqueue(new MockResponse.Builder().onRequestStart(DROP).build());
        server.enqueue(json(200, "{\"type\":\"sync\",\"status_code\":200,\"metadata\":{}}"));
        assertThatThrownBy(() -> client.projects().create("p", "", Map.of())).isInstanceOfSatisfying(
                IncusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IncusException.Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("POST /1.0/projects", server.url("/").toString());
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body)
                .build();
    }
}
