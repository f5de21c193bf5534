package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The unified diff {@code infra fmt --check} prints: the same hunks {@code diff -u} would. */
class FmtDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.render("a", "b", "x\ny\n", "x\ny\n")).isEmpty();
    }

    @Test
    void aChangedLineHasThreeLinesOfContext() {
        assertThat(UnifiedDiff.render("f", "f (formatted)", lines(1, 10), lines(1, 10).replace("5\n", "five\n")))
                .isEqualTo("""
                        --- f
                        +++ f (formatted)
                        @@ -2,7 +2,7 @@
                         2
                         3
                         4
                        -5
                        +five
                         6
                         7
                         8
                        """);
    }

    @Test
    void distantChangesGetTheirOwnHunksAndNearOnesShareOne() {
        String before = lines(1, 30);
        String after = before.replace("\n2\n", "\n2b\n").replace("\n9\n", "\n9b\n").replace("\n25\n", "\n");
        assertThat(UnifiedDiff.render("f", "g", before, after)).isEqualTo("""
                --- f
                +++ g
                @@ -1,12 +1,12 @@
                 1
                -2
                +2b
                 3
                 4
                 5
                 6
                 7
                 8
                -9
                +9b
                 10
                 11
                 12
                @@ -22,7 +22,6 @@
                 22
                 23
                 24
                -25
                 26
                 27
                 28
                """);
    }

    @Test
    void insertionsAtTheTopAndAMissingFinalNewlineAreMarked() {
        assertThat(UnifiedDiff.render("f", "g", "b\nc", "a\nb\nc\n")).isEqualTo("""
                --- f
                +++ g
                @@ -1,2 +1,3 @@
                +a
                 b
                -c
                \\ No newline at end of file
                +c
                """);
        assertThat(UnifiedDiff.render("f", "g", "", "a\n")).isEqualTo("--- f\n+++ g\n@@ -0,0 +1 @@\n+a\n");
    }

    @Test
    void movedLinesAreARemovalAndAnAddition() {
        assertThat(UnifiedDiff.render("f", "g", "b\na\n", "a\nb\n")).isEqualTo("""
                --- f
                +++ g
                @@ -1,2 +1,2 @@
                -b
                 a
                +b
                """);
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> i + "\n").collect(Collectors.joining());
    }
}
