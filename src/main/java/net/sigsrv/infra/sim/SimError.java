package net.sigsrv.infra.sim;

/** A refusal the simulated daemon answers with: HTTP status and the daemon's wording. */
final class SimError extends RuntimeException {

    final int status;

    SimError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static SimError notFound(String what) {
        return new SimError(404, what + " not found");
    }

    static SimError badRequest(String message) {
        return new SimError(400, message);
    }

    static SimError conflict(String message) {
        return new SimError(409, message);
    }

    static SimError internal(String message) {
        return new SimError(500, message);
    }
}
