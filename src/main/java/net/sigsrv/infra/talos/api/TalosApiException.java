package net.sigsrv.infra.talos.api;

/**
 * A failed Talos API call, with a kind the caller can act on. The message names the address (and the node the call
 * was routed to) and what Talos said; it never carries the request's content (configurations hold secrets).
 */
public final class TalosApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, independent of gRPC details. */
    public enum Kind {
        /** Nothing answers at the address (refused, unreachable, reset, or the node is rebooting): a wait. */
        NOT_ANSWERING,
        /**
         * A mutual-TLS client met a certificate not signed by the cluster's OS CA: the node is still in maintenance
         * mode (its self-signed certificate), or belongs to other secrets. A wait while the node installs.
         */
        STILL_IN_MAINTENANCE,
        /** The node is in maintenance mode, where only ApplyConfiguration and Version are served. */
        MAINTENANCE_ONLY,
        /** The node refused the client certificate (not from its OS CA) or its role (not {@code os:admin}). */
        FORBIDDEN,
        /** The thing to create exists already (Bootstrap: etcd has data; the caller's helper counts it done). */
        ALREADY_EXISTS,
        /** The node refused the request as invalid (a configuration that does not parse, or names another cluster). */
        REJECTED,
        /** The node cannot do it in its present state (Bootstrap on a worker, Kubeconfig before it can). */
        NOT_READY,
        /** No answer within the deadline. */
        TIMEOUT,
        /** Anything else Talos answered with an error. */
        FAILED
    }

    private final Kind kind;

    public TalosApiException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether waiting and asking again is the answer: the node is booting, rebooting or still installing. */
    public boolean isWait() {
        return kind == Kind.NOT_ANSWERING || kind == Kind.STILL_IN_MAINTENANCE || kind == Kind.TIMEOUT;
    }
}
