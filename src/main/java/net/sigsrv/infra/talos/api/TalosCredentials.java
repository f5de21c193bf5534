package net.sigsrv.infra.talos.api;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * How a client proves itself to a node, and how it checks the node.
 *
 * <ul>
 *   <li>{@link Maintenance}: a node in maintenance mode presents a self-signed certificate made at boot and asks for
 *       no client certificate; the client checks nothing (talosctl's {@code --insecure}). Only ApplyConfiguration
 *       and Version are served there, and nothing secret travels back.</li>
 *   <li>{@link Admin}: a configured node presents a certificate signed by the cluster's OS CA and demands a client
 *       certificate signed by the same CA whose organisation names the role ({@code os:admin}): talosconfig's
 *       {@code ca}, {@code crt} and {@code key}.</li>
 * </ul>
 */
public sealed interface TalosCredentials {

    /** Whether this client speaks to a node in maintenance mode. */
    default boolean isMaintenance() {
        return this instanceof Maintenance;
    }

    static TalosCredentials insecure() {
        return new Maintenance();
    }

    /** From talosconfig's PEM strings: the OS CA certificate, the admin certificate and its private key. */
    static Admin admin(String osCaPem, String certificatePem, String keyPem) {
        List<X509Certificate> chain = TalosPem.certificates(certificatePem, "the talosconfig certificate");
        return new Admin(TalosPem.certificates(osCaPem, "the OS CA certificate"), chain.get(0),
                TalosPem.privateKey(keyPem, "the talosconfig key"));
    }

    /** TLS with no check of the node and no client certificate. */
    record Maintenance() implements TalosCredentials {
    }

    /** Mutual TLS: trust only {@code osCa}; present {@code certificate} with {@code key}. */
    record Admin(List<X509Certificate> osCa, X509Certificate certificate, PrivateKey key) implements TalosCredentials {
        public Admin {
            osCa = List.copyOf(osCa);
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }

        /** Names the certificate, never the key. */
        @Override
        public String toString() {
            return "Admin[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }
}
