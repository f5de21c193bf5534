package net.sigsrv.infra.talos.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * gRPC failures to {@link TalosApiException}s. The decision reads the status code and, for a TLS failure, which
 * side refused: our check of the node's certificate (a node still in maintenance mode, or other secrets) or the
 * node's refusal of our client certificate.
 */
final class TalosErrors {

    private TalosErrors() {
    }

    /** {@code where} is "ADDR:PORT" or "ADDR:PORT (node N)"; {@code method} the MachineService method. */
    static TalosApiException of(StatusRuntimeException e, String where, String method, boolean maintenance,
            Duration deadline) {
        Status status = e.getStatus();
        String said = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
        return switch (status.getCode()) {
            case UNAVAILABLE -> unavailable(e, where, maintenance);
            case DEADLINE_EXCEEDED -> new TalosApiException(TalosApiException.Kind.TIMEOUT,
                    "Talos API at " + where + ": " + method + " got no answer within " + seconds(deadline), e);
            case UNIMPLEMENTED -> said.toLowerCase(Locale.ROOT).contains("maintenance")
                    ? new TalosApiException(TalosApiException.Kind.MAINTENANCE_ONLY, "Talos API at " + where + ": "
                            + method + " is not served in maintenance mode (only ApplyConfiguration and Version are): "
                            + "the node has no configuration yet", e)
                    : failed(TalosApiException.Kind.FAILED, where, method, said, e);
            case PERMISSION_DENIED, UNAUTHENTICATED -> failed(TalosApiException.Kind.FORBIDDEN, where, method,
                    said + " (the client certificate needs the os:admin role)", e);
            case ALREADY_EXISTS -> failed(TalosApiException.Kind.ALREADY_EXISTS, where, method, said, e);
            case INVALID_ARGUMENT -> failed(TalosApiException.Kind.REJECTED, where, method, said, e);
            case FAILED_PRECONDITION -> failed(TalosApiException.Kind.NOT_READY, where, method, said, e);
            default -> failed(TalosApiException.Kind.FAILED, where, method, said, e);
        };
    }

    private static TalosApiException failed(TalosApiException.Kind kind, String where, String method, String said,
            Throwable cause) {
        return new TalosApiException(kind, "Talos API at " + where + ": " + method + ": " + said, cause);
    }

    private static TalosApiException unavailable(StatusRuntimeException e, String where, boolean maintenance) {
        if (has(e, CertPathValidatorException.class) || has(e, CertificateException.class) && !maintenance
                && !peerRefused(e)) {
            return new TalosApiException(TalosApiException.Kind.STILL_IN_MAINTENANCE, "Talos API at " + where
                    + " presents a certificate not signed by the cluster's OS CA: the node is still in maintenance "
                    + "mode (or was configured with other secrets)", e);
        }
        if (peerRefused(e)) {
            return new TalosApiException(TalosApiException.Kind.FORBIDDEN, "Talos API at " + where
                    + " refused the client certificate" + (maintenance
                            ? ": the node is configured and needs talosconfig's certificate, not maintenance mode"
                            : ": it is not signed by the node's OS CA"), e);
        }
        return new TalosApiException(TalosApiException.Kind.NOT_ANSWERING, "Talos API not answering at " + where, e);
    }

    /** The node ended the handshake with an alert about our certificate (absent, unknown or bad). */
    private static boolean peerRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException && t.getMessage() != null) {
                String m = t.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("received fatal alert") && (m.contains("certificate") || m.contains("unknown_ca")
                        || m.contains("handshake_failure") || m.contains("access_denied"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t) || (t instanceof SSLHandshakeException && type == CertificateException.class
                    && t.getMessage() != null && t.getMessage().contains("PKIX"))) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
