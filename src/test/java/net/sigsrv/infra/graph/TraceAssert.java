package net.sigsrv.infra.graph;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.AbstractAssert;

/**
 * Ordering assertions that read like the claim they check: {@code assertThat(trace).ran("a").before("b")}, or
 * {@code assertThat(trace).respects(graph)} for every edge at once. Failure messages name the nodes and the ticks.
 */
final class TraceAssert<K> extends AbstractAssert<TraceAssert<K>, Trace<K>> {

    private TraceAssert(Trace<K> trace) {
        super(trace, TraceAssert.class);
    }

    static <K> TraceAssert<K> assertThat(Trace<K> trace) {
        return new TraceAssert<>(trace);
    }

    /** Start of "node ran before other": {@code ran(a).before(b)} means a finished before b started. */
    Ran ran(K node) {
        isNotNull();
        if (actual.finishedAt(node) == null) {
            failWithMessage("expected %s to have run, but it never %s", node,
                    actual.startedAt(node) == null ? "started" : "finished");
        }
        return new Ran(node);
    }

    final class Ran {
        private final K node;

        private Ran(K node) {
            this.node = node;
        }

        TraceAssert<K> before(K other) {
            Long otherStarted = actual.startedAt(other);
            if (otherStarted == null) {
                failWithMessage("expected %s to run before %s, but %s never started", node, other, other);
            }
            long finished = actual.finishedAt(node);
            if (finished > otherStarted) {
                failWithMessage("expected %s to finish before %s started, but %s finished at tick %s and %s started "
                        + "at tick %s", node, other, node, finished, other, otherStarted);
            }
            return TraceAssert.this;
        }
    }

    /** Every node of {@code graph} ran once, after every one of its prerequisites had finished. */
    TraceAssert<K> respects(Graph<K> graph) {
        isNotNull();
        ranEachOnce(graph.nodes());
        for (K node : graph.nodes()) {
            for (K prerequisite : graph.prerequisitesOf(node)) {
                ran(prerequisite).before(node);
            }
        }
        return this;
    }

    TraceAssert<K> ranEachOnce(List<K> nodes) {
        isNotNull();
        List<K> missing = nodes.stream().filter(n -> actual.finishedAt(n) == null).toList();
        if (!missing.isEmpty()) {
            failWithMessage("expected every node to run, but these did not: %s", missing);
        }
        if (!actual.ranTwice().isEmpty()) {
            failWithMessage("expected each node to run once, but these ran again: %s", actual.ranTwice());
        }
        return this;
    }

    @SafeVarargs
    final TraceAssert<K> didNotRun(K... nodes) {
        isNotNull();
        List<K> expected = new ArrayList<>();
        for (K node : nodes) {
            expected.add(node);
        }
        List<K> ran = expected.stream().filter(n -> actual.startedAt(n) != null).toList();
        if (!ran.isEmpty()) {
            failWithMessage("expected %s not to run, but these started: %s", expected, ran);
        }
        return this;
    }

    TraceAssert<K> startedInOrder(List<K> expected) {
        isNotNull();
        if (!actual.startOrder().equals(expected)) {
            failWithMessage("expected steps to start in order%n  %s%nbut they started in order%n  %s", expected,
                    actual.startOrder());
        }
        return this;
    }

    TraceAssert<K> hadMaxConcurrency(int expected) {
        isNotNull();
        if (actual.maxConcurrency() != expected) {
            failWithMessage("expected at most and at some point exactly %s steps running at once, but saw %s",
                    expected, actual.maxConcurrency());
        }
        return this;
    }
}
