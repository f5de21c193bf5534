package net.sigsrv.infra.graph;

import static net.sigsrv.infra.graph.TraceAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD) // a walker that deadlocks fails, not hangs
class WalkerCancellationTest {

    private final Walker walker = new Walker();
    private final Cancellation cancellation = new Cancellation();

    @Test
    void afterCancelNothingNewStartsAndNotStartedNodesAreSkipped() {
        Graph<String> graph = Graphs.of("a:", "b: a", "c: b", "d:");
        Trace<String> trace = new Trace<>();
        RecordingListener<String> listener = new RecordingListener<>();

        WalkResult<String> result = walker.walk(graph, 1, trace.around(node -> {
            if (node.equals("a")) {
                cancellation.cancel();
            }
        }), listener, cancellation);

        assertThat(result.cancelled()).isTrue();
        assertThat(result.ok()).isFalse();
        assertThat(result.rootErrors()).isEmpty();
        assertThat(result.status("a")).isEqualTo(Status.SUCCEEDED);
        assertThat(result.skipped()).containsExactly(
                Outcome.Skipped.cancelled("b"), Outcome.Skipped.cancelled("c"), Outcome.Skipped.cancelled("d"));
        assertThat(trace).didNotRun("b", "c", "d");
        assertThat(listener.events()).containsExactly("started a",
                "skipped b: cancelled", "skipped c: cancelled", "skipped d: cancelled", "succeeded a");
    }

    @Test
    void cancelLetsRunningStepsFinish() {
        Graph<String> graph = Graphs.of("slow:", "canceller:", "later:", "after: slow");
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicBoolean slowSawCancellation = new AtomicBoolean();

        WalkResult<String> result = walker.walk(graph, 2, node -> {
            switch (node) {
                case "slow" -> slowSawCancellation.set(cancelled.await(2, TimeUnit.SECONDS));
                case "canceller" -> {
                    cancellation.cancel();
                    cancelled.countDown();
                }
                default -> { }
            }
        }, WalkListener.none(), cancellation);

        assertThat(slowSawCancellation).isTrue();
        assertThat(result.nodes(Status.SUCCEEDED)).containsExactly("slow", "canceller");
        assertThat(result.skipped()).containsExactly(
                Outcome.Skipped.cancelled("later"), Outcome.Skipped.cancelled("after"));
    }

    @Test
    void cancelNowInterruptsRunningSteps() {
        Graph<String> graph = Graphs.of("blocked:", "canceller:", "later:");
        CountDownLatch blockedStarted = new CountDownLatch(1);

        WalkResult<String> result = walker.walk(graph, 2, node -> {
            switch (node) {
                case "blocked" -> {
                    blockedStarted.countDown();
                    new CountDownLatch(1).await();
                }
                case "canceller" -> {
                    blockedStarted.await();
                    cancellation.cancelNow();
                }
                default -> { }
            }
        }, WalkListener.none(), cancellation);

        assertThat(result.cancelled()).isTrue();
        assertThat(result.rootErrors()).singleElement().satisfies(failed -> {
            assertThat(failed.node()).isEqualTo("blocked");
            assertThat(failed.error()).isInstanceOf(InterruptedException.class);
        });
        assertThat(result.skipped()).containsExactly(Outcome.Skipped.cancelled("later"));
    }

    @Test
    void interruptingTheWalkingThreadCancelsAndKeepsTheInterruptFlag() throws Exception {
        Graph<String> graph = Graphs.of("blocked:", "next: blocked", "other:");
        CountDownLatch blockedStarted = new CountDownLatch(1);
        AtomicReference<WalkResult<String>> result = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();

        Thread walking = Thread.ofPlatform().start(() -> {
            result.set(walker.walk(graph, 1, node -> {
                blockedStarted.countDown();
                new CountDownLatch(1).await();
            }, WalkListener.none()));
            flagKept.set(Thread.currentThread().isInterrupted());
        });
        assertThat(blockedStarted.await(2, TimeUnit.SECONDS)).isTrue();
        walking.interrupt();
        walking.join(2000);

        assertThat(walking.isAlive()).isFalse();
        assertThat(flagKept).isTrue();
        assertThat(result.get().cancelled()).isTrue();
        assertThat(result.get().outcome("blocked")).isInstanceOfSatisfying(Outcome.Failed.class,
                failed -> assertThat(failed.error()).isInstanceOf(InterruptedException.class));
        assertThat(result.get().skipped()).containsExactly(
                Outcome.Skipped.cancelled("next"), Outcome.Skipped.cancelled("other"));
    }

    @Test
    void anAlreadyCancelledTokenRunsNothing() {
        Trace<String> trace = new Trace<>();
        RecordingListener<String> listener = new RecordingListener<>();
        cancellation.cancel();

        WalkResult<String> result = walker.walk(Graphs.diamond(), 4, trace.step(), listener, cancellation);

        assertThat(trace).didNotRun("a", "b", "c", "d");
        assertThat(result.nodes(Status.SKIPPED)).containsExactly("a", "b", "c", "d");
        assertThat(listener.events()).containsExactly("skipped a: cancelled", "skipped b: cancelled",
                "skipped c: cancelled", "skipped d: cancelled");
    }
}
