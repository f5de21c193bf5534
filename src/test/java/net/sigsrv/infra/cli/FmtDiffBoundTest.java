package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A rewritten large file: the Myers walk gives up past 2,000 differing lines and the changed middle is shown
 * replaced whole, at once (the unbounded walk took java-diff-utils about a minute on these 20,000 lines).
 */
class FmtDiffBoundTest {

    @Test
    void aFileRewrittenWholeIsOneHunkAndQuick() {
        String before = numbered("key", 20_000);
        String after = "head\n" + numbered("other", 20_000) + "tail\n";
        String diff = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> UnifiedDiff.render("f", "g", before, after));
        assertThat(diff).startsWith("--- f\n+++ g\n@@ -1,20000 +1,20002 @@\n-key0: v\n-key1: v\n");
        assertThat(diff.lines().filter(l -> l.startsWith("@@"))).hasSize(1);
        assertThat(diff.lines().filter(l -> l.startsWith("-"))).hasSize(20_000 + 1);
        assertThat(diff).endsWith("+other19999: v\n+tail\n");
    }

    @Test
    void belowTheBoundTheScriptStaysMinimal() {
        String before = numbered("key", 5_000);
        String after = before.replace("key100: v\n", "key100: w\n").replace("key4000: v\n", "");
        String diff = UnifiedDiff.render("f", "g", before, after);
        assertThat(diff.lines().filter(l -> l.startsWith("-") && !l.startsWith("---"))).containsExactly(
                "-key100: v", "-key4000: v");
        assertThat(diff.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++"))).containsExactly(
                "+key100: w");
    }

    private static String numbered(String word, int count) {
        return IntStream.range(0, count).mapToObj(i -> word + i + ": v\n").collect(Collectors.joining());
    }
}
