package net.sigsrv.infra.graph;

import static net.sigsrv.infra.graph.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

/** Properties over many random graphs, parallelism and timings; the seeds keep the graphs the same run to run. */
@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD) // a walker that deadlocks fails, not hangs
class WalkerOrderingTest {

    private final Walker walker = new Walker();

    @Test
    void noStepStartsBeforeAllItsPrerequisitesFinished() {
        Random random = new Random(20240601);
        for (int i = 0; i < 200; i++) {
            Graph<String> graph = Graphs.random(random, 25);
            int parallelism = 1 + random.nextInt(8);
            Trace<String> trace = new Trace<>();

            WalkResult<String> result = walker.walk(graph, parallelism, trace.around(node -> jitter()),
                    WalkListener.none());

            assertThat(result.ok()).as("graph %d", i).isTrue();
            assertThat(trace).as("graph %d, parallelism %d", i, parallelism).respects(graph);
            assertThat(trace.maxConcurrency()).as("graph %d", i).isLessThanOrEqualTo(parallelism);
        }
    }

    @Test
    void withParallelismOneStepsStartInTopologicalOrder() {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            Graph<String> graph = Graphs.random(random, 20);
            Trace<String> trace = new Trace<>();

            walker.walk(graph, 1, trace.step(), WalkListener.none());

            assertThat(trace).startedInOrder(graph.topologicalOrder()).hadMaxConcurrency(1);
        }
    }

    @Test
    void readyNodesStartInDeclarationOrder() {
        Graph<String> graph = Graphs.of("zeta:", "alpha:", "mid: zeta", "beta:");
        Trace<String> trace = new Trace<>();

        walker.walk(graph, 1, trace.step(), WalkListener.none());

        assertThat(trace).startedInOrder(List.of("zeta", "alpha", "mid", "beta"));
    }

    /**
     * With random failures: a node runs exactly when all its prerequisites succeeded; otherwise it is skipped
     * naming a failed ancestor; only failed nodes are root errors; the listener hears one ending per node.
     */
    @Test
    void failuresSkipExactlyTheirDescendantsInRandomGraphs() {
        Random random = new Random(99);
        for (int i = 0; i < 200; i++) {
            Graph<String> graph = Graphs.random(random, 25);
            Set<String> failing = graph.nodes().stream().filter(n -> random.nextDouble() < 0.15)
                    .collect(Collectors.toSet());
            int parallelism = 1 + random.nextInt(6);
            Trace<String> trace = new Trace<>();
            RecordingListener<String> listener = new RecordingListener<>();

            WalkResult<String> result = walker.walk(graph, parallelism, trace.around(node -> {
                jitter();
                if (failing.contains(node)) {
                    throw new IllegalStateException("boom " + node);
                }
            }), listener);

            Map<String, Status> expected = expectedStatuses(graph, failing);
            for (String node : graph.nodes()) {
                assertThat(result.status(node)).as("graph %d node %s", i, node).isEqualTo(expected.get(node));
                if (result.outcome(node) instanceof Outcome.Skipped<String> skipped) {
                    String root = skipped.failedRoot().orElseThrow();
                    assertThat(graph.ancestors(node)).as("graph %d: root of %s", i, node).contains(root);
                    assertThat(result.status(root)).isEqualTo(Status.FAILED);
                    assertThat(skipped.reason()).isEqualTo("upstream failed: " + root);
                    assertThat(trace).didNotRun(node);
                }
            }
            assertThat(result.rootErrors()).extracting(Outcome::node)
                    .containsExactlyElementsOf(result.nodes(Status.FAILED));
            assertThat(result.ok()).isEqualTo(result.rootErrors().isEmpty());
            long endings = listener.events().stream()
                    .filter(e -> e.startsWith("succeeded") || e.startsWith("failed") || e.startsWith("skipped"))
                    .count();
            assertThat(endings).as("graph %d: one ending per node", i).isEqualTo(graph.size());
        }
    }

    private static Map<String, Status> expectedStatuses(Graph<String> graph, Set<String> failing) {
        Map<String, Status> status = new HashMap<>();
        for (String node : graph.topologicalOrder()) {
            boolean upstreamOk = graph.prerequisitesOf(node).stream()
                    .allMatch(p -> status.get(p) == Status.SUCCEEDED);
            status.put(node, !upstreamOk ? Status.SKIPPED : failing.contains(node) ? Status.FAILED : Status.SUCCEEDED);
        }
        return status;
    }

    /** Up to 50 µs of waiting, so steps overlap and finish in varying orders. */
    private static void jitter() {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(50_000));
    }
}
