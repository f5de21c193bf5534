package net.sigsrv.infra.incus.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * Builds the HTTP clients for the transports (unix socket, HTTPS, loopback HTTP). All share the same limits: a pool sized for parallel work,
 * connect and read timeouts, no proxies (lab traffic never leaves for a proxy), no automatic retries (the client
 * retries idempotent reads itself).
 */
public final class HttpClients {

    /** Parallel requests per daemon; the apply walker's parallelism stays below this. */
    public static final int MAX_PARALLEL = 16;

    private HttpClients() {
    }

    private static OkHttpClient.Builder base(Duration readTimeout) {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(MAX_PARALLEL * 2);
        dispatcher.setMaxRequestsPerHost(MAX_PARALLEL);
        return new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_PARALLEL, 5, TimeUnit.MINUTES))
                .connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(readTimeout)
                .writeTimeout(60, TimeUnit.SECONDS)
                .retryOnConnectionFailure(false)
                .followRedirects(false);
    }

    /** A client whose every connection goes to {@code socket}, whatever host the URL names. */
    public static OkHttpClient unix(Path socket, Duration readTimeout) {
        // Idle connections are dropped after 5 s: OkHttp health-checks a connection idle for 10 s or more with a
        // 1 ms socket read timeout, which a unix channel cannot honour (the read would block until data comes).
        return base(readTimeout)
                .connectionPool(new ConnectionPool(MAX_PARALLEL, 5, TimeUnit.SECONDS))
                .socketFactory(new UnixSocketFactory(socket))
                .dns(hostname -> List.of(InetAddress.getLoopbackAddress()))
                .build();
    }

    /** A client for plain HTTP; {@code Endpoint.Http} has already checked that it only reaches loopback. */
    public static OkHttpClient plain(Duration readTimeout) {
        return base(readTimeout).build();
    }

    /**
     * A client for HTTPS with an optional client certificate. With pinned certificates the server is trusted by
     * pin alone (daemon certificates name the host, not the address used to reach it), otherwise by the JDK's CA
     * store and the usual hostname check.
     */
    public static OkHttpClient https(Path clientCert, Path clientKey, List<X509Certificate> pinned,
                                     Duration readTimeout) throws IOException {
        PinnedTrustManager trust = new PinnedTrustManager(pinned);
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            OneKeyManager keys = null;
            if (clientCert != null && clientKey != null) {
                List<X509Certificate> chain = Pem.certificates(clientCert);
                PrivateKey key = Pem.privateKey(clientKey);
                keys = new OneKeyManager(key, chain.toArray(X509Certificate[]::new));
            }
            tls.init(keys == null ? null : new KeyManager[] {keys}, new PinnedTrustManager[] {trust}, null);
            OkHttpClient.Builder b = base(readTimeout).sslSocketFactory(tls.getSocketFactory(), trust);
            if (trust.hasPins()) {
                b.hostnameVerifier((host, session) -> {
                    try {
                        return session.getPeerCertificates()[0] instanceof X509Certificate leaf
                                && trust.isPinned(leaf);
                    } catch (SSLPeerUnverifiedException e) {
                        return false;
                    }
                });
            }
            return b.build();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with client certificate " + clientCert + ": "
                    + e.getMessage(), e);
        }
    }
}
