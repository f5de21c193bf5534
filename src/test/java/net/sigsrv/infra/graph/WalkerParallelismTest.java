package net.sigsrv.infra.graph;

import static net.sigsrv.infra.graph.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD) // a walker that deadlocks fails, not hangs
class WalkerParallelismTest {

    private final Walker walker = new Walker();

    /**
     * Steps wait at a barrier for {@code parallelism} parties, so the bound must be reached (or the barrier times
     * out and the steps fail), and any step started beyond it shows in the trace's count.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 16})
    void maxConcurrencyIsExactlyTheParallelism(int parallelism) {
        Graph.Builder<String> builder = Graph.builder();
        for (int i = 0; i < 4 * parallelism; i++) {
            builder.node("n" + i);
        }
        Graph<String> graph = builder.build();
        CyclicBarrier barrier = new CyclicBarrier(parallelism);
        Trace<String> trace = new Trace<>();

        WalkResult<String> result = walker.walk(graph, parallelism,
                trace.around(node -> barrier.await(2, TimeUnit.SECONDS)), WalkListener.none());

        assertThat(result.rootErrors()).isEmpty();
        assertThat(trace).ranEachOnce(graph.nodes()).hadMaxConcurrency(parallelism);
    }

    @Test
    void parallelismOneIsFullySequential() {
        Graph<String> graph = Graphs.of("a:", "b:", "c: a", "d:", "e: c d");
        Trace<String> trace = new Trace<>();

        walker.walk(graph, 1, trace.step(), WalkListener.none());

        assertThat(trace).startedInOrder(graph.topologicalOrder()).hadMaxConcurrency(1)
                .ran("a").before("b").ran("b").before("c").ran("c").before("d").ran("d").before("e");
    }

    @Test
    void parallelismAboveTheNodeCountIsFine() {
        Graph<String> graph = Graphs.diamond();
        Trace<String> trace = new Trace<>();

        assertThat(walker.walk(graph, 100, trace.step(), WalkListener.none()).ok()).isTrue();
        assertThat(trace).respects(graph);
    }

    @Test
    void parallelismBelowOneIsRejected() {
        assertThatThrownBy(() -> walker.walk(Graphs.diamond(), 0, node -> { }, WalkListener.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelism must be at least 1, got 0");
    }
}
