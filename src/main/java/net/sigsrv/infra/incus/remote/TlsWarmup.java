package net.sigsrv.infra.incus.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.transport.OneKeyManager;
import net.sigsrv.infra.incus.transport.Pem;

/**
 * One HTTPS request with a client certificate to a throw-away server on loopback, made only by the launcher's
 * class-cache training run ({@code -Dinfra.train=true}): the training plans on the simulator, which speaks plain
 * HTTP, so without this every TLS, certificate and key class would be loaded cold by each command that talks to a
 * real daemon. Nothing leaves the machine; the keys live in a temporary directory removed at the end.
 */
public final class TlsWarmup {

    private TlsWarmup() {
    }

    public static void run() throws Exception {
        Path dir = Files.createTempDirectory("infra-tls-warmup");
        try (var ignored = cleanup(dir)) {
            ClientCertificate.ensure(dir.resolve("server.crt"), dir.resolve("server.key"), "warmup-server");
            ClientCertificate.ensure(dir.resolve("client.crt"), dir.resolve("client.key"), "warmup-client");
            List<X509Certificate> serverChain = Pem.certificates(dir.resolve("server.crt"));
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(new KeyManager[] {new OneKeyManager(Pem.privateKey(dir.resolve("server.key")),
                    serverChain.toArray(X509Certificate[]::new))}, new TrustManager[] {new AnyClient()}, null);
            try (SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                    .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                SSLParameters p = server.getSSLParameters();
                p.setNeedClientAuth(true);
                p.setApplicationProtocols(new String[] {"http/1.1"});
                server.setSSLParameters(p);
                Thread serving = Thread.ofPlatform().daemon().start(() -> answerOnce(server));
                URI url = URI.create("https://127.0.0.1:" + server.getLocalPort());
                try (IncusClient client = IncusClient.connect(new Endpoint.Https(url,
                        Optional.of(dir.resolve("client.crt")), Optional.of(dir.resolve("client.key")),
                        serverChain))) {
                    client.server();
                }
                serving.join(5_000);
            }
        }
    }

    private static void answerOnce(SSLServerSocket server) {
        try (SSLSocket s = (SSLSocket) server.accept()) {
            InputStream in = s.getInputStream();
            int state = 0;
            while (state < 4) { // read the request head up to the blank line
                int c = in.read();
                if (c < 0) {
                    return;
                }
                state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                        ? state + 1 : 0;
            }
            byte[] body = ("{\"type\":\"sync\",\"status\":\"Success\",\"status_code\":200,\"metadata\":"
                    + "{\"api_extensions\":[],\"api_version\":\"1.0\",\"auth\":\"trusted\",\"environment\":"
                    + "{\"server_clustered\":false,\"server_name\":\"warmup\"}}}").getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
        } catch (IOException e) {
            // the training run goes on without it
        }
    }

    private static AutoCloseable cleanup(Path dir) {
        return () -> {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(dir);
        };
    }

    /** The throw-away server takes any client certificate: it answers one request on loopback, then goes. */
    private static final class AnyClient implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("server side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
