package net.sigsrv.infra.diag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;

/** A result joined from another thread fails as the task failed, and an interrupt is not lost. */
class FuturesTest {

    @Test
    void theValueOfAFinishedTask() {
        assertThat(Futures.join(CompletableFuture.completedFuture("x"), "reading")).isEqualTo("x");
    }

    @Test
    void theTasksOwnUncheckedExceptionOrErrorIsRethrownAsItIs() {
        IllegalArgumentException bug = new IllegalArgumentException("bad");
        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(bug), "reading")).isSameAs(bug);
        StackOverflowError error = new StackOverflowError();
        FutureTask<String> task = new FutureTask<>(() -> {
            throw error;
        });
        task.run();
        assertThatThrownBy(() -> Futures.join(task, "reading")).isSameAs(error);
    }

    @Test
    void aCheckedExceptionIsWrapped() {
        IOException io = new IOException("disk");
        assertThatThrownBy(() -> Futures.join(CompletableFuture.failedFuture(io), "reading"))
                .isInstanceOf(IllegalStateException.class).hasCause(io);
    }

    @Test
    void anInterruptSaysWhatWasInterruptedAndKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> Futures.join(new CompletableFuture<String>(), "binding the spec"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("interrupted while binding the spec")
                    .hasCauseInstanceOf(InterruptedException.class);
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
            Thread.interrupted();
            Thread.currentThread().interrupt();
            assertThatThrownBy(() -> Futures.join(new CompletableFuture<String>(),
                    e -> new UnsupportedOperationException("stopped", e)))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessage("stopped");
        } finally {
            Thread.interrupted();
        }
    }
}
