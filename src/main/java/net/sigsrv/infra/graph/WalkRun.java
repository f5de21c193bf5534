package net.sigsrv.infra.graph;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One walk in progress. All state lives on the walking thread (the coordinator); step threads touch nothing but
 * the event queue, into which they put one {@link Finished} each. Nodes are numbered by topological position, so
 * "lowest number first" is the walker's deterministic start order.
 *
 * <p>A node is pending (no outcome, not running), ready (pending with every prerequisite succeeded), running, or
 * done (has an outcome). The slot count is exact because a slot is taken before a step's thread starts and given
 * back only when the coordinator takes that step's {@link Finished} event, which the step's thread puts last.
 */
final class WalkRun<K> {

    private sealed interface Event {
    }

    private record Finished(int node, Throwable error, long nanos) implements Event {
    }

    private record CancelRequested(boolean interruptRunning) implements Event {
    }

    private static final class Running {
        final Thread thread;
        final long startedAt;
        long nextReportAt;

        Running(Thread thread, long startedAt, long interval) {
            this.thread = thread;
            this.startedAt = startedAt;
            this.nextReportAt = startedAt + interval;
        }
    }

    private final List<K> order;
    private final int[][] dependents;
    private final int[] waitingOn;
    private final Map<Integer, Outcome<K>> outcomes = new HashMap<>();
    private final PriorityQueue<Integer> ready = new PriorityQueue<>();
    private final TreeMap<Integer, Running> running = new TreeMap<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<Throwable> listenerErrors = new ArrayList<>();

    private final int parallelism;
    private final Step<K> step;
    private final WalkListener<K> listener;
    private final Cancellation cancellation;
    private final long interval;
    private boolean cancelled;
    private boolean interrupted;

    WalkRun(Graph<K> graph, int parallelism, Step<K> step, WalkListener<K> listener, Cancellation cancellation,
            long stillRunningNanos) {
        this.order = graph.topologicalOrder();
        this.parallelism = parallelism;
        this.step = step;
        this.listener = listener;
        this.cancellation = cancellation;
        this.interval = stillRunningNanos;
        Map<K, Integer> position = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            position.put(order.get(i), i);
        }
        dependents = new int[order.size()][];
        waitingOn = new int[order.size()];
        for (int i = 0; i < order.size(); i++) {
            dependents[i] = graph.dependentsOf(order.get(i)).stream().mapToInt(position::get).sorted().toArray();
            waitingOn[i] = graph.prerequisitesOf(order.get(i)).size();
            if (waitingOn[i] == 0) {
                ready.add(i);
            }
        }
    }

    WalkResult<K> run() {
        long begin = System.nanoTime();
        Runnable unsubscribe = cancellation.subscribe(interrupt -> events.add(new CancelRequested(interrupt)));
        try {
            // Cannot spin: while a node is unresolved, one is ready or running, or a cancel event is on its way.
            while (outcomes.size() < order.size()) {
                startReady();
                switch (nextEvent()) {
                    case Finished finished -> finish(finished);
                    case CancelRequested cancel -> cancel(cancel.interruptRunning());
                }
            }
        } finally {
            unsubscribe.run();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Map<K, Outcome<K>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            byNode.put(order.get(i), outcomes.get(i));
        }
        return new WalkResult<>(byNode, cancelled, Duration.ofNanos(System.nanoTime() - begin), listenerErrors);
    }

    private void startReady() {
        // Checking the token, not only our flag, closes the gap before its cancel event is taken.
        while (!cancelled && !cancellation.isCancelled() && running.size() < parallelism && !ready.isEmpty()) {
            int node = ready.poll();
            K key = order.get(node);
            tell(l -> l.started(key));
            long startedAt = System.nanoTime();
            Thread thread = Thread.ofVirtual().name("step " + key).unstarted(() -> {
                long t0 = System.nanoTime();
                Throwable error = null;
                try {
                    step.run(key);
                } catch (Throwable t) {
                    error = t;
                }
                events.add(new Finished(node, error, System.nanoTime() - t0));
            });
            running.put(node, new Running(thread, startedAt, interval));
            thread.start();
        }
    }

    /** The next event, reporting long-running steps while waiting for it. An interrupt becomes a cancel now. */
    private Event nextEvent() {
        while (true) {
            long now = System.nanoTime();
            long nextReportAt = Long.MAX_VALUE;
            for (Map.Entry<Integer, Running> entry : running.entrySet()) {
                Running r = entry.getValue();
                if (now - r.nextReportAt >= 0) {
                    K key = order.get(entry.getKey());
                    Duration elapsed = Duration.ofNanos(now - r.startedAt);
                    tell(l -> l.stillRunning(key, elapsed));
                    while (now - r.nextReportAt >= 0) {
                        r.nextReportAt += interval;
                    }
                }
                nextReportAt = Math.min(nextReportAt, r.nextReportAt);
            }
            try {
                if (running.isEmpty()) {
                    return events.take();
                }
                Event event = events.poll(Math.max(0, nextReportAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event != null) {
                    return event;
                }
            } catch (InterruptedException e) {
                interrupted = true;
                return new CancelRequested(true);
            }
        }
    }

    private void finish(Finished finished) {
        int node = finished.node();
        running.remove(node);
        K key = order.get(node);
        Duration duration = Duration.ofNanos(finished.nanos());
        if (finished.error() == null) {
            outcomes.put(node, new Outcome.Succeeded<>(key, duration));
            tell(l -> l.succeeded(key, duration));
            for (int dependent : dependents[node]) {
                if (--waitingOn[dependent] == 0 && !outcomes.containsKey(dependent)) {
                    ready.add(dependent);
                }
            }
            return;
        }
        outcomes.put(node, new Outcome.Failed<>(key, finished.error(), duration));
        tell(l -> l.failed(key, finished.error(), duration));
        // Descendants of a failed node cannot have started (they needed it to succeed); skip the unresolved ones.
        PriorityQueue<Integer> downstream = new PriorityQueue<>();
        for (int dependent : dependents[node]) {
            downstream.add(dependent);
        }
        while (!downstream.isEmpty()) {
            int next = downstream.poll();
            if (!outcomes.containsKey(next)) {
                skip(next, Outcome.Skipped.upstreamFailed(order.get(next), key));
                for (int dependent : dependents[next]) {
                    downstream.add(dependent);
                }
            }
        }
    }

    private void cancel(boolean interruptRunning) {
        if (!cancelled) {
            cancelled = true;
            ready.clear();
            for (int node = 0; node < order.size(); node++) {
                if (!outcomes.containsKey(node) && !running.containsKey(node)) {
                    skip(node, Outcome.Skipped.cancelled(order.get(node)));
                }
            }
        }
        if (interruptRunning) {
            running.values().forEach(r -> r.thread.interrupt());
        }
    }

    private void skip(int node, Outcome.Skipped<K> skipped) {
        outcomes.put(node, skipped);
        tell(l -> l.skipped(skipped));
    }

    private void tell(Consumer<WalkListener<K>> hook) {
        try {
            hook.accept(listener);
        } catch (Throwable t) {
            listenerErrors.add(t);
        }
    }
}
