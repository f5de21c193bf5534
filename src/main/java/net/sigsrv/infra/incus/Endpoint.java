package net.sigsrv.infra.incus;

import java.net.URI;
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
}
