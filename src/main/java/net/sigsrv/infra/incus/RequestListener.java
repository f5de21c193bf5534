package net.sigsrv.infra.incus;

import java.time.Duration;
import java.time.Instant;

/**
 * Told about every request of an {@link IncusClient} that changes something: POST, PUT, PATCH and DELETE. A request
 * that starts an operation is reported once the client has waited for it (its final result counts), or when the
 * client closes without having waited. Reads are never reported. Implemented outside this package (the audit log)
 * and installed with {@link IncusClient#listen}; called on the thread that made the request, so it must be quick.
 * It throws only {@link Refused}, when it cannot record a request: from {@link #starting} the request is then not
 * sent; from {@link #completed} it was, and the exception says so. Either way the request's caller gets it.
 */
public interface RequestListener {

    /** Listens to nothing. */
    RequestListener NONE = call -> { };

    /** The listener cannot record a request (the audit log cannot be written). */
    final class Refused extends RuntimeException {
        private final boolean sent;

        public Refused(String message, boolean sent, Throwable cause) {
            super(message, cause);
            this.sent = sent;
        }

        /** Whether the request had been sent (its change may have been made) when its record failed. */
        public boolean sent() {
            return sent;
        }
    }

    /**
     * What a request changes, by name only (no value): the object a POST creates or renames to, the keys it sets
     * ({@code config.limits.cpu}, {@code devices.eth0}; for a PUT after a read, only those whose value differs),
     * and the command of an exec.
     *
     * @param name the {@code name} of the request's body, or null
     * @param keys the changed keys, one level into maps ({@code config.user.token}), in body order
     * @param argv the command an exec runs, or empty
     */
    record Change(String name, java.util.List<String> keys, java.util.List<String> argv) {
        public static final Change NONE = new Change(null, java.util.List.of(), java.util.List.of());
    }

    /**
     * One finished mutating request.
     *
     * @param started     when it was sent
     * @param method      POST, PUT, PATCH or DELETE
     * @param path        what it was sent to, with its query ({@code project}, {@code target})
     * @param outcome     what came of it
     * @param status      the HTTP status (0 when there was no answer)
     * @param error       the daemon's (or the transport's) message when it failed, else ""
     * @param duration    from sending to the final result
     * @param operation   the operation's description ("Creating instance") when it started one, else ""
     * @param location    the member the operation ran on, when the daemon said, else ""
     * @param change      what it changes, by name
     */
    record Call(Instant started, String method, ApiPath path, Outcome outcome, int status, String error,
                Duration duration, String operation, String location, Change change) {

        /** A call whose change is not known (an upload). */
        public Call(Instant started, String method, ApiPath path, Outcome outcome, int status, String error,
                    Duration duration, String operation, String location) {
            this(started, method, path, outcome, status, error, duration, operation, location, Change.NONE);
        }
    }

    /** How a mutating request ended. */
    enum Outcome {
        SUCCESS, FAILURE, TIMEOUT,
        /** It started an operation that the client never waited for. */
        STARTED
    }

    /**
     * Before a mutating request is sent. Throws {@link Refused} when the request could not be recorded (then it
     * is not sent).
     */
    default void starting(String method, ApiPath path) {
    }

    void completed(Call call);
}
