package net.sigsrv.infra.graph;

import java.time.Duration;

/**
 * Progress hooks of a walk; every hook does nothing by default, so a listener overrides only what it shows.
 *
 * <p>Threading contract: hooks are called one at a time, from the thread that called
 * {@link Walker#walk Walker.walk}, never from a step's thread — a listener needs no locking of its own, and it
 * sees events in the order the walk decided them: {@code started(b)} comes after {@code succeeded(a)} for every
 * prerequisite {@code a} of {@code b}, and a failure's {@code skipped} calls follow its {@code failed} call. Hooks
 * should be quick: running steps are not held up by a slow hook, but starting the next ones is. A hook that throws
 * does not disturb the walk; its exception is kept in {@link WalkResult#listenerErrors()}.
 *
 * <p>Each node gets exactly one of {@code succeeded}, {@code failed} or {@code skipped}; {@code started} and
 * {@code stillRunning} only come before the first two.
 */
public interface WalkListener<K> {

    /** The step for {@code node} is about to run. */
    default void started(K node) {
    }

    default void succeeded(K node, Duration duration) {
    }

    default void failed(K node, Throwable error, Duration duration) {
    }

    /** {@code node} will not run; {@code reason} is "upstream failed: X" or "cancelled". */
    default void skipped(K node, String reason) {
    }

    /**
     * A node will not run: the walk calls this hook, whose default passes the node and its reason on to
     * {@link #skipped(Object, String)}. A listener that names nodes its own way overrides this one and reads the
     * failed node from {@link Outcome.Skipped#failedRoot()} (the reason names it by {@code toString()}).
     */
    default void skipped(Outcome.Skipped<K> skipped) {
        skipped(skipped.node(), skipped.reason());
    }

    /**
     * The step for {@code node} has been running for {@code elapsed}; called about once per
     * {@linkplain Walker#stillRunningInterval() interval} while it runs (e.g. "Still creating… [10s elapsed]").
     */
    default void stillRunning(K node, Duration elapsed) {
    }

    static <K> WalkListener<K> none() {
        return new WalkListener<>() {
        };
    }
}
