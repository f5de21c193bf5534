package net.sigsrv.infra.graph;

import static net.sigsrv.infra.graph.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD) // a walker that deadlocks fails, not hangs
class WalkerFailureTest {

    private final Walker walker = new Walker();

    @Test
    void failureInADiamondSkipsOnlyWhatDependsOnIt() {
        Graph<String> graph = Graphs.of("a:", "b: a", "c: a", "d: b c", "e:");
        Trace<String> trace = new Trace<>();
        IllegalStateException boom = new IllegalStateException("boom");

        WalkResult<String> result = walker.walk(graph, 2, trace.around(failing("b", boom)), WalkListener.none());

        assertThat(result.outcome("d")).isEqualTo(Outcome.Skipped.upstreamFailed("d", "b"));
        assertThat(result.outcome("d")).isEqualTo(new Outcome.Skipped<>("d", "upstream failed: b", Optional.of("b")));
        assertThat(result.nodes(Status.SUCCEEDED)).containsExactly("a", "c", "e");
        assertThat(result.rootErrors()).singleElement().satisfies(failed -> {
            assertThat(failed.node()).isEqualTo("b");
            assertThat(failed.error()).isSameAs(boom);
        });
        assertThat(result.ok()).isFalse();
        assertThat(result.cancelled()).isFalse();
        assertThat(trace).didNotRun("d");
    }

    @Test
    void failureAtTheTopOfADiamondSkipsEverythingBelowWithTheRootsName() {
        Graph<String> graph = Graphs.of("a:", "b: a", "c: a", "d: b c", "e:");

        WalkResult<String> result = walker.walk(graph, 4, failing("a", new RuntimeException("no")),
                WalkListener.none());

        assertThat(result.skipped()).extracting(Outcome.Skipped::node, Outcome.Skipped::reason).containsExactly(
                tuple("b", "upstream failed: a"),
                tuple("c", "upstream failed: a"),
                tuple("d", "upstream failed: a"));
        assertThat(result.rootErrors()).extracting(Outcome::node).containsExactly("a");
        assertThat(result.status("e")).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void failureInAChainNamesTheRootNotTheNearestParent() {
        Graph<String> graph = Graphs.of("a:", "b: a", "c: b", "d: c", "e: d", "x:", "y: x");
        Trace<String> trace = new Trace<>();

        WalkResult<String> result = walker.walk(graph, 3, trace.around(failing("c", new RuntimeException("c broke"))),
                WalkListener.none());

        assertThat(result.nodes(Status.SUCCEEDED)).containsExactly("a", "b", "x", "y");
        assertThat(result.nodes(Status.FAILED)).containsExactly("c");
        assertThat(result.skipped()).containsExactly(
                Outcome.Skipped.upstreamFailed("d", "c"),
                Outcome.Skipped.upstreamFailed("e", "c"));
        assertThat(result.rootErrors()).extracting(Outcome::node).containsExactly("c");
        assertThat(trace).ran("a").before("b").ran("b").before("c").didNotRun("d", "e");
    }

    @Test
    void twoIndependentFailuresAreTwoRootErrors() {
        Graph<String> graph = Graphs.of("a:", "b:", "c: a", "d: b", "e:");

        WalkResult<String> result = walker.walk(graph, 1, node -> {
            if (Set.of("a", "b").contains(node)) {
                throw new RuntimeException(node + " broke");
            }
        }, WalkListener.none());

        assertThat(result.rootErrors()).extracting(Outcome::node).containsExactly("a", "b");
        assertThat(result.skipped()).containsExactly(
                Outcome.Skipped.upstreamFailed("c", "a"),
                Outcome.Skipped.upstreamFailed("d", "b"));
        assertThat(result.status("e")).isEqualTo(Status.SUCCEEDED);
    }

    @Test
    void errorsAndCheckedExceptionsFailTheStepToo() {
        Graph<String> graph = Graphs.of("checked:", "error:", "after: checked error");

        WalkResult<String> result = walker.walk(graph, 2, node -> {
            switch (node) {
                case "checked" -> throw new IOException("disk");
                case "error" -> throw new AssertionError("bug");
                default -> { }
            }
        }, WalkListener.none());

        assertThat(result.rootErrors()).extracting(f -> f.error().getClass().getSimpleName())
                .containsExactly("IOException", "AssertionError");
        assertThat(result.status("after")).isEqualTo(Status.SKIPPED);
    }

    @Test
    void durationsAreMeasuredForStepsThatRan() {
        WalkResult<String> result = walker.walk(Graphs.of("a:", "b: a", "c: b"), 1,
                failing("b", new RuntimeException()), WalkListener.none());

        assertThat(result.outcome("a").duration()).isPositive();
        assertThat(result.outcome("b").duration()).isPositive();
        assertThat(result.outcome("c").duration()).isZero();
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(result.outcome("a").duration());
    }

    private static Step<String> failing(String node, RuntimeException error) {
        return n -> {
            if (n.equals(node)) {
                throw error;
            }
        };
    }
}
