package net.sigsrv.infra.incus;

import java.time.Duration;
import java.time.Instant;

/**
 * Told about every request of an {@link IncusClient} that changes something: POST, PUT, PATCH and DELETE. A request
 * that starts an operation is reported once the client has waited for it (its final result counts), or when the
 * client closes without having waited. Reads are never reported. Implemented outside this package (the audit log)
 * and installed with {@link IncusClient#listen}; called on the thread that made the request, so it must be
 * quick and must not throw.
 */
public interface RequestListener {

    /** Listens to nothing. */
    RequestListener NONE = call -> { };

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
     */
    record Call(Instant started, String method, ApiPath path, Outcome outcome, int status, String error,
                Duration duration, String operation, String location) {
    }

    /** How a mutating request ended. */
    enum Outcome {
        SUCCESS, FAILURE, TIMEOUT,
        /** It started an operation that the client never waited for. */
        STARTED
    }

    void completed(Call call);
}
