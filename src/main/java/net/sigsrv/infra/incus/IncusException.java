package net.sigsrv.infra.incus;

/**
 * A failed call to the daemon, with a kind callers can act on and the daemon's own message. The message always
 * names what was asked ("GET /1.0/instances/web") and what the daemon said.
 */
public final class IncusException extends RuntimeException {

    /** What went wrong, independent of HTTP details. */
    public enum Kind {
        /** The object does not exist (404). */
        NOT_FOUND,
        /** It exists already, or is in use (409). */
        CONFLICT,
        /** The object changed since it was read: ETag mismatch (412). */
        CHANGED,
        /** The daemon refused: not trusted or not allowed (403). */
        FORBIDDEN,
        /** The request was invalid for the daemon (400) or it failed internally (500). */
        FAILED,
        /** An async operation ended in failure or was cancelled. */
        OPERATION_FAILED,
        /** No answer in time. */
        TIMEOUT,
        /** The daemon could not be reached (connection refused, no socket, DNS). */
        UNREACHABLE,
        /** The server's TLS certificate is not trusted; the message carries its fingerprint. */
        UNTRUSTED_SERVER
    }

    private final Kind kind;
    private final int status;

    public IncusException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public IncusException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    static Kind kindOf(int status) {
        return switch (status) {
            case 404 -> Kind.NOT_FOUND;
            case 409 -> Kind.CONFLICT;
            case 412 -> Kind.CHANGED;
            case 401, 403 -> Kind.FORBIDDEN;
            default -> Kind.FAILED;
        };
    }
}
