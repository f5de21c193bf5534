package net.sigsrv.infra.diag;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Joining a result computed on another thread as if it had been computed on this one: the task's own unchecked
 * exception (or error) is rethrown as it is, a checked one is wrapped in an {@link IllegalStateException}, and an
 * interrupt keeps the thread's interrupt flag. Here because every stage that reads in parallel (spec loading,
 * planning, observing, the doctor) may depend on this package, and on no common one above it.
 */
public final class Futures {

    private Futures() {
    }

    /** {@code future}'s value; interrupted, an {@link IllegalStateException} "interrupted while {@code doing}". */
    public static <T> T join(Future<T> future, String doing) {
        return join(future, e -> new IllegalStateException("interrupted while " + doing, e));
    }

    /** {@code future}'s value; interrupted, the exception {@code interrupted} makes of the interrupt. */
    public static <T> T join(Future<T> future,
                             Function<InterruptedException, ? extends RuntimeException> interrupted) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted.apply(e);
        }
    }
}
