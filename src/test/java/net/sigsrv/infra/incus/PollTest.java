package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one polling helper every test waits through. */
class PollTest {

    @Test
    void returnsTheFirstValueThatIsDone() {
        AtomicInteger n = new AtomicInteger();
        assertThat(Poll.until("three", Duration.ofSeconds(5), n::incrementAndGet, v -> v == 3)).isEqualTo(3);
    }

    @Test
    void aTimeoutNamesWhatWasAwaitedAndTheLastValueSeen() {
        assertThatThrownBy(() -> Poll.until("a miracle", Duration.ofMillis(120), Duration.ofMillis(20),
                () -> "nothing yet", "miracle"::equals))
                .isInstanceOf(AssertionError.class).hasMessage("gave up after 0s waiting for a miracle; last seen:"
                        + " nothing yet");
    }

    @Test
    void lastWithinHandsBackTheLastValueInsteadOfFailing() {
        AtomicInteger n = new AtomicInteger();
        int last = Poll.lastWithin("never", Duration.ofMillis(120), Duration.ofMillis(20), n::incrementAndGet,
                v -> false);
        assertThat(last).isGreaterThan(1).isEqualTo(n.get());
    }
}
