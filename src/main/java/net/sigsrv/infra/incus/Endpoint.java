package net.sigsrv.infra.incus;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Where a daemon listens and how to authenticate to it. */
public sealed interface Endpoint {

    /** How the endpoint shows in messages: the socket path or the URL. */
    String describe();

    /** The daemon's local unix socket; the kernel vouches for us (root or the daemon's group). */
    record Unix(Path socket) implements Endpoint {
        @Override
        public String describe() {
            return "unix:" + socket;
        }
    }

    /**
     * HTTPS with a TLS client certificate. {@code pinned} are the server certificates to trust; when empty, the
     * JDK's CA store decides. The client key is read from disk when connecting and never kept in messages.
     */
    record Https(URI url, Optional<Path> clientCert, Optional<Path> clientKey, List<X509Certificate> pinned)
            implements Endpoint {
        public Https {
            pinned = List.copyOf(pinned);
        }

        @Override
        public String describe() {
            return url.toString();
        }
    }

    /**
     * Plain HTTP to a daemon on this machine's loopback — the embedded simulator ({@code --sim}). Any other host is
     * refused at construction: API traffic never crosses a network unencrypted.
     */
    record Http(URI url) implements Endpoint {
        public Http {
            if (!"http".equals(url.getScheme()) || url.getHost() == null || !isLoopback(url.getHost())) {
                throw new IllegalArgumentException("plain HTTP endpoint " + url + ": only http://127.0.0.1,"
                        + " http://[::1] or http://localhost are allowed");
            }
        }

        private static boolean isLoopback(String host) {
            String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            if (h.equals("localhost")) {
                return true;
            }
            if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
                return false; // a name other than localhost would need DNS: refuse rather than resolve
            }
            try {
                return InetAddress.getByName(h).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }

        @Override
        public String describe() {
            return url.toString();
        }
    }
}
