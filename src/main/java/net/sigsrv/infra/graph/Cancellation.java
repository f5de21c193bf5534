package net.sigsrv.infra.graph;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A token that stops a walk from starting further steps. Once cancelled it stays cancelled; a walk given a
 * cancelled token runs nothing. Safe to use from any thread — a signal handler, a step, a listener.
 *
 * <p>On cancellation every node that has not started is skipped with "cancelled". {@link #cancel()} lets running
 * steps finish; {@link #cancelNow()} also interrupts them (a step that ends by throwing {@link InterruptedException}
 * is {@link Outcome.Failed}: it may have done part of its work). Steps that wait a long time may poll
 * {@link #isCancelled()} to give up early.
 */
public final class Cancellation {

    /** What a walk registers to be told of cancellation. */
    interface Hook {
        void cancelled(boolean interruptRunning);
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile boolean interruptRunning;

    /** No new steps start; running steps finish. */
    public void cancel() {
        cancelled = true;
        hooks.forEach(hook -> hook.cancelled(false));
    }

    /** No new steps start; running steps are interrupted. */
    public void cancelNow() {
        interruptRunning = true;
        cancelled = true;
        hooks.forEach(hook -> hook.cancelled(true));
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Calls {@code hook} on cancellation — at once if already cancelled — until the returned handle is run. A hook
     * may be called more than once.
     */
    Runnable subscribe(Hook hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.cancelled(interruptRunning);
        }
        return () -> hooks.remove(hook);
    }
}
