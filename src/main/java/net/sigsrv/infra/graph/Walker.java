package net.sigsrv.infra.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs a {@link Step} for every node of a {@link Graph}, each after all its prerequisites succeeded, at most
 * {@code parallelism} at once.
 *
 * <ul>
 *   <li>Bound: never more than {@code parallelism} steps are running; a slot frees only when a step has returned.
 *   <li>Order: among nodes ready to run, the earliest in {@link Graph#topologicalOrder()} starts first, so with the
 *       same graph and timing the walk starts steps in the same order (with parallelism 1, exactly that order).
 *   <li>Failure: when a step throws, every node depending on it, directly or transitively, is skipped with
 *       "upstream failed: X" naming the failed node X (the first failure observed, if several prerequisites fail);
 *       everything independent of it still runs.
 *   <li>Cancellation: through a {@link Cancellation} token or by interrupting the thread that walks (which acts as
 *       {@link Cancellation#cancelNow()} and leaves that thread's interrupt flag set). No step starts afterwards;
 *       every node not started is skipped with "cancelled".
 *   <li>Return: {@code walk} blocks until every started step has returned, then reports every node.
 * </ul>
 *
 * Each step runs on a new virtual thread named after its node. Progress goes to a {@link WalkListener}; the walker
 * itself prints nothing. A Walker holds only configuration: one instance can walk many graphs, also concurrently.
 */
public final class Walker {

    public static final Duration DEFAULT_STILL_RUNNING_INTERVAL = Duration.ofSeconds(10);

    private final Duration stillRunningInterval;

    /** A walker reporting long steps every {@linkplain #DEFAULT_STILL_RUNNING_INTERVAL 10 seconds}. */
    public Walker() {
        this(DEFAULT_STILL_RUNNING_INTERVAL);
    }

    public Walker(Duration stillRunningInterval) {
        Objects.requireNonNull(stillRunningInterval, "stillRunningInterval");
        if (stillRunningInterval.isNegative() || stillRunningInterval.isZero()) {
            throw new IllegalArgumentException("stillRunningInterval must be positive, got " + stillRunningInterval);
        }
        this.stillRunningInterval = stillRunningInterval;
    }

    /** How often {@link WalkListener#stillRunning} is called for a step that keeps running. */
    public Duration stillRunningInterval() {
        return stillRunningInterval;
    }

    /** Walks {@code graph} to the end, unless the calling thread is interrupted. */
    public <K> WalkResult<K> walk(Graph<K> graph, int parallelism, Step<K> step, WalkListener<K> listener) {
        return walk(graph, parallelism, step, listener, new Cancellation());
    }

    /** Walks {@code graph} until the end or until {@code cancellation} is cancelled. */
    public <K> WalkResult<K> walk(Graph<K> graph, int parallelism, Step<K> step, WalkListener<K> listener,
                                  Cancellation cancellation) {
        Objects.requireNonNull(graph, "graph");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(cancellation, "cancellation");
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        }
        return new WalkRun<>(graph, parallelism, step, listener, cancellation, stillRunningInterval.toNanos()).run();
    }
}
