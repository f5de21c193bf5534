package net.sigsrv.infra.incus.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's training run reaches its lab as a command reaches a real daemon: the normal client, over HTTPS with
 * a client certificate and the server's pinned, speaking HTTP/2 (the front offers nothing else), and the request
 * arrives at the plain-HTTP server behind the front with its path and query.
 */
class TrainingFrontTest {

    @Test
    void aMutuallyAuthenticatedHttp2RequestReachesTheServerBehind(@TempDir Path dir) throws Exception {
        AtomicReference<String> asked = new AtomicReference<>();
        HttpServer behind = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        behind.createContext("/", ex -> {
            asked.set(ex.getRequestMethod() + " " + ex.getRequestURI());
            byte[] body = ("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"metadata\":"
                    + "{\"api_extensions\":[],\"api_version\":\"1.0\",\"auth\":\"trusted\",\"environment\":"
                    + "{\"server_clustered\":false,\"server_name\":\"behind\"}}}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        behind.start();
        try (TrainingFront front = TrainingFront.start(dir,
                URI.create("http://127.0.0.1:" + behind.getAddress().getPort()));
                IncusClient client = IncusClient.connect(new Endpoint.Https(front.url(),
                        Optional.of(front.clientCertificate()), Optional.of(front.clientKey()),
                        front.serverChain()))) {
            assertThat(front.url().getScheme()).isEqualTo("https");
            assertThat(client.server().environment().serverName()).isEqualTo("behind");
            assertThat(asked.get()).isEqualTo("GET /1.0");
        } finally {
            behind.stop(0);
        }
    }
}
