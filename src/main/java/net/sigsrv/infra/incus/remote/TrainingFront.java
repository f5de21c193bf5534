package net.sigsrv.infra.incus.remote;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import net.sigsrv.infra.incus.transport.OneKeyManager;
import net.sigsrv.infra.incus.transport.Pem;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.internal.concurrent.TaskRunner;
import okhttp3.internal.connection.BufferedSocketKt;
import okhttp3.internal.http2.ErrorCode;
import okhttp3.internal.http2.Header;
import okhttp3.internal.http2.Http2Connection;
import okhttp3.internal.http2.Http2Stream;
import okio.BufferedSink;
import okio.Okio;

/**
 * The daemon's front door as the launcher's class-cache training run meets it: HTTPS on loopback that requires a
 * client certificate and speaks HTTP/2 (ALPN {@code h2}, as Incus and LXD do), forwarding every request to a
 * plain-HTTP server on loopback (the simulator). A command run against it loads the classes a command talking to
 * a real daemon loads — TLS with a client key, the pinned server certificate, OkHttp's HTTP/2 codec — which a run
 * on the simulator's plain HTTP never does. Keys are made in {@code dir}; nothing leaves the machine.
 *
 * <p>The server side of HTTP/2 is OkHttp's own ({@code okhttp3.internal.http2}, as its mockwebserver uses it): an
 * internal API, so an OkHttp upgrade may need this class adjusted; the compiler says so.
 */
public final class TrainingFront implements AutoCloseable {

    /** Hop-by-hop or framing headers that HTTP/2 does not carry. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "host", "upgrade");

    private final SSLServerSocket server;
    private final URI target;
    private final OkHttpClient backend = new OkHttpClient();
    private final Path clientCertificate;
    private final Path clientKey;
    private final List<X509Certificate> serverChain;

    private TrainingFront(SSLServerSocket server, URI target, Path clientCertificate, Path clientKey,
            List<X509Certificate> serverChain) {
        this.server = server;
        this.target = target;
        this.clientCertificate = clientCertificate;
        this.clientKey = clientKey;
        this.serverChain = serverChain;
    }

    /** Makes a server and a client key pair in {@code dir} and serves {@code target} (http://127.0.0.1:PORT). */
    public static TrainingFront start(Path dir, URI target) throws Exception {
        ClientCertificate.ensure(dir.resolve("server.crt"), dir.resolve("server.key"), "infra-training-server");
        ClientCertificate.ensure(dir.resolve("client.crt"), dir.resolve("client.key"), "infra-training-client");
        List<X509Certificate> serverChain = Pem.certificates(dir.resolve("server.crt"));
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(new KeyManager[] {new OneKeyManager(Pem.privateKey(dir.resolve("server.key")),
                serverChain.toArray(X509Certificate[]::new))}, new TrustManager[] {new AnyClient()}, null);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress());
        SSLParameters p = server.getSSLParameters();
        p.setNeedClientAuth(true);
        p.setApplicationProtocols(new String[] {"h2"});
        server.setSSLParameters(p);
        TrainingFront front = new TrainingFront(server, target, dir.resolve("client.crt"), dir.resolve("client.key"),
                serverChain);
        Thread.ofPlatform().daemon().name("training-front").start(front::accept);
        return front;
    }

    /** {@code https://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("https://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort());
    }

    /** The endpoint a client reaches this front with: its client certificate, the server certificate pinned. */
    public Path clientCertificate() {
        return clientCertificate;
    }

    public Path clientKey() {
        return clientKey;
    }

    public List<X509Certificate> serverChain() {
        return serverChain;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                s.startHandshake();
                Http2Connection connection = new Http2Connection.Builder(false, TaskRunner.INSTANCE)
                        .socket(BufferedSocketKt.asBufferedSocket(s), "training")
                        .listener(new Http2Connection.Listener() {
                            @Override
                            public void onStream(Http2Stream stream) {
                                forward(stream);
                            }
                        })
                        .build();
                connection.start();
            } catch (IOException e) {
                // closed, or a client that went away: the training run goes on without it
            }
        }
    }

    private void forward(Http2Stream stream) {
        try {
            Headers in = stream.takeHeaders(false);
            String method = in.get(":method");
            byte[] body = Okio.buffer(stream.getSource()).readByteArray();
            String type = in.get("content-type");
            RequestBody requestBody = method.equals("GET") || method.equals("HEAD") ? null
                    : RequestBody.create(body, type == null ? null : MediaType.parse(type));
            Request.Builder request = new Request.Builder().url(target.resolve(in.get(":path")).toString())
                    .method(method, requestBody);
            for (int i = 0; i < in.size(); i++) {
                String name = in.name(i).toLowerCase(Locale.ROOT);
                if (!name.startsWith(":") && !NOT_FORWARDED.contains(name)) {
                    request.addHeader(name, in.value(i));
                }
            }
            try (Response answer = backend.newCall(request.build()).execute()) {
                List<Header> out = new ArrayList<>();
                out.add(new Header(Header.RESPONSE_STATUS, String.valueOf(answer.code())));
                for (int i = 0; i < answer.headers().size(); i++) {
                    String name = answer.headers().name(i).toLowerCase(Locale.ROOT);
                    if (!NOT_FORWARDED.contains(name)) {
                        out.add(new Header(name, answer.headers().value(i)));
                    }
                }
                stream.writeHeaders(out, false, true);
                try (BufferedSink sink = Okio.buffer(stream.getSink())) {
                    sink.writeAll(answer.body().source());
                }
            }
        } catch (IOException | RuntimeException e) {
            try {
                stream.close(ErrorCode.INTERNAL_ERROR, null);
            } catch (IOException ignored) {
                // the client sees the stream reset, or the connection gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        backend.dispatcher().executorService().shutdown();
        backend.connectionPool().evictAll();
    }

    /** The front takes any client certificate: it serves one training run on loopback, then goes. */
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
