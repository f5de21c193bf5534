package net.sigsrv.infra.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Timeout.ThreadMode;

@Timeout(value = 10, threadMode = ThreadMode.SEPARATE_THREAD) // a walker that deadlocks fails, not hangs
class WalkerListenerTest {

    @Test
    void hooksArriveInTheOrderTheWalkDecidedThem() {
        RecordingListener<String> listener = new RecordingListener<>();

        new Walker().walk(Graphs.of("a:", "b: a", "c: a", "d: b c", "e:"), 1, node -> {
            if (node.equals("b")) {
                throw new IllegalStateException("boom");
            }
        }, listener);

        assertThat(listener.events()).containsExactly(
                "started a", "succeeded a",
                "started b", "failed b: boom", "skipped d: upstream failed: b",
                "started c", "succeeded c",
                "started e", "succeeded e");
    }

    @Test
    void hooksAreCalledFromTheWalkingThreadOnly() {
        RecordingListener<String> listener = new RecordingListener<>();
        Graph.Builder<String> builder = Graph.builder();
        for (int i = 0; i < 20; i++) {
            builder.node("n" + i);
        }

        new Walker().walk(builder.build(), 8, node -> Thread.yield(), listener);

        assertThat(listener.threads()).containsExactly(Thread.currentThread());
        assertThat(listener.events()).hasSize(40);
    }

    @Test
    void stillRunningIsReportedEveryIntervalWhileAStepRuns() {
        Duration interval = Duration.ofMillis(20);
        CountDownLatch twoReports = new CountDownLatch(2);
        RecordingListener<String> listener = new RecordingListener<>() {
            @Override
            public synchronized void stillRunning(String node, Duration elapsed) {
                super.stillRunning(node, elapsed);
                twoReports.countDown();
            }
        };

        WalkResult<String> result = new Walker(interval).walk(Graphs.of("slow:"), 1, node -> {
            if (!twoReports.await(2, TimeUnit.SECONDS)) {
                throw new AssertionError("no stillRunning reports within 2 s");
            }
        }, listener);

        assertThat(result.ok()).isTrue();
        assertThat(listener.stillRunning()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(listener.stillRunning().get(0)).isGreaterThanOrEqualTo(interval);
        assertThat(listener.stillRunning().get(1)).isGreaterThanOrEqualTo(interval.multipliedBy(2));
        assertThat(listener.threads()).containsExactly(Thread.currentThread());
    }

    @Test
    void defaultIntervalIsTenSecondsAndMustBePositive() {
        assertThat(new Walker().stillRunningInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> new Walker(Duration.ZERO))
                .hasMessage("stillRunningInterval must be positive, got PT0S");
    }

    @Test
    void aListenerThatThrowsDoesNotBreakTheWalk() {
        CountDownLatch reported = new CountDownLatch(1);
        WalkListener<String> throwing = new WalkListener<>() {
            @Override
            public void started(String node) {
                throw new IllegalStateException("started " + node);
            }

            @Override
            public void succeeded(String node, Duration duration) {
                throw new IllegalStateException("succeeded " + node);
            }

            @Override
            public void failed(String node, Throwable error, Duration duration) {
                throw new IllegalStateException("failed " + node);
            }

            @Override
            public void skipped(String node, String reason) {
                throw new IllegalStateException("skipped " + node);
            }

            @Override
            public void stillRunning(String node, Duration elapsed) {
                reported.countDown();
                throw new IllegalStateException("stillRunning " + node);
            }
        };

        WalkResult<String> result = new Walker(Duration.ofMillis(10)).walk(Graphs.diamond(), 2, node -> {
            switch (node) {
                case "a" -> reported.await(2, TimeUnit.SECONDS);
                case "b" -> throw new RuntimeException("b broke");
                default -> { }
            }
        }, throwing);

        assertThat(result.nodes(Status.SUCCEEDED)).containsExactly("a", "c");
        assertThat(result.rootErrors()).extracting(Outcome::node).containsExactly("b");
        assertThat(result.skipped()).containsExactly(Outcome.Skipped.upstreamFailed("d", "b"));
        assertThat(result.listenerErrors()).extracting(Throwable::getMessage)
                .contains("started a", "stillRunning a", "succeeded a", "failed b", "skipped d", "succeeded c");
    }
}
