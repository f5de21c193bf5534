package net.sigsrv.infra.incus.remote;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.transport.Pem;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * {@code infra remote add NAME URL --token TOKEN}: fetches the server's certificate, accepts it only if its
 * fingerprint is the one inside the token, pins it, makes a client certificate if there is none, and asks the
 * server to trust that certificate with the token (Incus {@code trust_token}; LXD 5.0.2 {@code password}).
 */
public final class RemoteJoin {

    /** Where Incus and LXD serve their API over HTTPS unless told otherwise. */
    public static final int DEFAULT_PORT = 8443;

    /** What joining did, for the command to report. */
    public record Joined(Remote remote, String serverFingerprint, boolean generatedClientCertificate,
                         boolean alreadyTrusted) {
    }

    private RemoteJoin() {
    }

    public static Joined join(CliConfig config, String name, URI url, TrustToken token) throws IOException {
        return join(config, name, url, token, net.sigsrv.infra.incus.RequestListener.NONE);
    }

    /**
     * {@link #join}, reporting the trust request (a change on the server) to {@code listener}. A URL without a port
     * means the daemon's port 8443 for everything: the certificate fetched, the API called and the address saved.
     */
    public static Joined join(CliConfig config, String name, URI given, TrustToken token,
                              net.sigsrv.infra.incus.RequestListener listener) throws IOException {
        RemoteName.check(name);
        URI url = withDefaultPort(given);
        X509Certificate server = fetchCertificate(url, token.fingerprint());
        boolean generated = ClientCertificate.ensure(config.clientCert(), config.clientKey(), "infra@"
                + InetAddress.getLocalHost().getHostName());
        Files.createDirectories(config.serverCert(name).getParent());
        Files.writeString(config.serverCert(name), pem(server), StandardCharsets.US_ASCII);
        Endpoint.Https endpoint = new Endpoint.Https(url, Optional.of(config.clientCert()),
                Optional.of(config.clientKey()), List.of(server));
        boolean already;
        try (IncusClient client = IncusClient.connect(endpoint).listen(listener)) {
            already = client.server().isTrusted();
            if (!already) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "client");
                body.put("name", token.clientName().isEmpty() ? name : token.clientName());
                body.put(client.server().has("explicit_trust_token") ? "trust_token" : "password", token.raw());
                client.send("POST", ApiPath.of("/1.0/certificates"), body, null);
            }
        }
        try (IncusClient client = IncusClient.connect(endpoint)) {
            if (!client.server().isTrusted()) {
                throw new IncusException(IncusException.Kind.FORBIDDEN, 403, url + " accepted the token but still"
                        + " does not trust this client; the token may be spent or expired");
            }
        }
        config.putRemote(name, url.toString(), "incus");
        return new Joined(new Remote(name, endpoint, config.dir().resolve("config.yml").toString()),
                Pem.fingerprint(server), generated, already);
    }

    /**
     * {@code url} with the daemon's port, {@value #DEFAULT_PORT}, when it names none (HTTPS's own 443 is not where
     * Incus listens). An {@link IllegalArgumentException} when it is not {@code https://HOST[:PORT]}.
     */
    public static URI withDefaultPort(URI url) {
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("URL '" + url + "' is not https://HOST[:PORT]");
        }
        if (url.getPort() >= 0) {
            return url;
        }
        try {
            return new URI(url.getScheme(), url.getUserInfo(), url.getHost(), DEFAULT_PORT, url.getPath(),
                    url.getQuery(), url.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("URL '" + url + "' is not https://HOST[:PORT]", e);
        }
    }

    /** One TLS connection to {@code url}'s port: the leaf certificate, refusing any other fingerprint. */
    static X509Certificate fetchCertificate(URI url, String expectedFingerprint) throws IOException {
        AtomicReference<X509Certificate> seen = new AtomicReference<>();
        X509TrustManager capture = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType)
                    throws CertificateException {
                seen.set(chain[0]);
                if (!Pem.fingerprint(chain[0]).equalsIgnoreCase(expectedFingerprint)) {
                    throw new CertificateException("fingerprint mismatch");
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        int port = withDefaultPort(url).getPort();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new X509TrustManager[] {capture}, null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(url.getHost(), port), 10_000);
                socket.setSoTimeout(10_000);
                socket.startHandshake();
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        } catch (IOException e) {
            X509Certificate got = seen.get();
            if (got != null && !Pem.fingerprint(got).equalsIgnoreCase(expectedFingerprint)) {
                throw new IncusException(IncusException.Kind.UNTRUSTED_SERVER, 0, url + " presented a certificate"
                        + " with fingerprint " + Pem.fingerprint(got) + ", but the token names "
                        + expectedFingerprint + "; refusing to trust it (wrong address, or someone in between)", e);
            }
            throw new IncusException(IncusException.Kind.UNREACHABLE, 0, url + ": " + e.getMessage(), e);
        }
        return seen.get();
    }

    private static String pem(X509Certificate cert) throws IOException {
        StringWriter s = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(s)) {
            w.writeObject(cert);
        }
        return s.toString();
    }
}
