package net.sigsrv.infra.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What steps actually did, seen from inside them: when each started and finished (as ticks of one shared counter,
 * so "a finished before b started" is exact), in which order they started, how many ran at once, and which ran
 * more than once. Thread-safe; wrap a test's step with {@link #around}.
 */
final class Trace<K> {

    private final AtomicLong clock = new AtomicLong();
    private final Map<K, Long> started = new ConcurrentHashMap<>();
    private final Map<K, Long> finished = new ConcurrentHashMap<>();
    private final List<K> startOrder = new ArrayList<>();
    private final List<K> ranTwice = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();

    Step<K> around(Step<K> inner) {
        return node -> {
            enter(node);
            try {
                inner.run(node);
            } finally {
                exit(node);
            }
        };
    }

    /** A trace of steps that do nothing but get traced. */
    Step<K> step() {
        return around(node -> {
        });
    }

    private void enter(K node) {
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        synchronized (this) {
            if (started.putIfAbsent(node, clock.incrementAndGet()) != null) {
                ranTwice.add(node);
            }
            startOrder.add(node);
        }
    }

    private void exit(K node) {
        finished.put(node, clock.incrementAndGet());
        running.decrementAndGet();
    }

    Long startedAt(K node) {
        return started.get(node);
    }

    Long finishedAt(K node) {
        return finished.get(node);
    }

    synchronized List<K> startOrder() {
        return List.copyOf(startOrder);
    }

    synchronized List<K> ranTwice() {
        return List.copyOf(ranTwice);
    }

    int maxConcurrency() {
        return maxRunning.get();
    }
}
