package net.sigsrv.infra.incus;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way tests wait for the lab (or the simulator) to reach a state: a deadline and short growing pauses
 * instead of blind sleeps or hand-written loops. A timeout fails the test with what was awaited and the last value
 * seen. A probe that can fail on the way (a member restarting) catches its own exception and returns what it saw.
 */
public final class Poll {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration MAX_PAUSE = Duration.ofMillis(500);

    private Poll() {
    }

    /** The first value of {@code probe} that is {@code done}; pauses grow from 50 ms to 500 ms. */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        return until(what, timeout, MAX_PAUSE, probe, done);
    }

    /**
     * The first value of {@code probe} that is {@code done}, with pauses growing to at most {@code every} (a probe
     * that costs, such as a CLI run, asks less often).
     */
    public static <T> T until(String what, Duration timeout, Duration every, Supplier<T> probe,
                              Predicate<? super T> done) {
        T seen = lastWithin(what, timeout, every, probe, done);
        if (!done.test(seen)) {
            throw new AssertionError("gave up after " + timeout.toSeconds() + "s waiting for " + what
                    + "; last seen: " + seen);
        }
        return seen;
    }

    /**
     * The first value of {@code probe} that is {@code done}, or the last one seen when {@code timeout} passes
     * first: for a caller that decides itself what a timeout means (skip the scenario, try again).
     */
    public static <T> T lastWithin(String what, Duration timeout, Duration every, Supplier<T> probe,
                                   Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMillis = Math.min(FIRST_PAUSE.toMillis(), every.toMillis());
        while (true) {
            T seen = probe.get();
            if (done.test(seen) || System.nanoTime() > deadline) {
                return seen;
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
            pauseMillis = Math.min(pauseMillis * 2, every.toMillis());
        }
    }
}
