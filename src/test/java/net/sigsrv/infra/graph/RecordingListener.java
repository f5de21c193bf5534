package net.sigsrv.infra.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every hook call as a line ("started a", "failed b: boom", "skipped d: upstream failed: b") and the threads
 * the calls came from. Durations are left out so the lines are stable; stillRunning calls are kept apart.
 */
class RecordingListener<K> implements WalkListener<K> {

    private final List<String> events = new ArrayList<>();
    private final List<Duration> stillRunning = new ArrayList<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    @Override
    public void started(K node) {
        record("started " + node);
    }

    @Override
    public void succeeded(K node, Duration duration) {
        record("succeeded " + node);
    }

    @Override
    public void failed(K node, Throwable error, Duration duration) {
        record("failed " + node + ": " + error.getMessage());
    }

    @Override
    public void skipped(K node, String reason) {
        record("skipped " + node + ": " + reason);
    }

    @Override
    public synchronized void stillRunning(K node, Duration elapsed) {
        threads.add(Thread.currentThread());
        stillRunning.add(elapsed);
    }

    private synchronized void record(String event) {
        threads.add(Thread.currentThread());
        events.add(event);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }

    synchronized List<Duration> stillRunning() {
        return List.copyOf(stillRunning);
    }

    Set<Thread> threads() {
        return Set.copyOf(threads);
    }
}
