package net.sigsrv.infra.diag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How messages quote values: short ones whole, long ones by their start and length, control characters escaped. */
class ExcerptTest {

    @Test
    void shortValuesAreShownWhole() {
        assertThat(Excerpt.of("web")).isEqualTo("web");
        assertThat(Excerpt.of("a".repeat(80))).isEqualTo("a".repeat(80));
    }

    @Test
    void longValuesShowTheirFirstSixtyCharactersAndTheirLength() {
        assertThat(Excerpt.of("a".repeat(81))).isEqualTo("a".repeat(60) + "… (81 characters)");
        assertThat(Excerpt.of("😀".repeat(100))).isEqualTo("😀".repeat(60) + "… (100 characters)");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(Excerpt.of("a\u001b[2Jb\nc\u0000")).isEqualTo("a\\u001b[2Jb\\nc\\u0000");
    }

    @Test
    void aDiagnosticBoundsWhatARuleQuotedWhole() {
        Diagnostic d = Diagnostic.error("r", SourcePos.startOf("f"), "name '" + "x".repeat(5_000) + "\u001b' bad")
                .withDetail("line one\nline two");
        assertThat(d.summary()).hasSize(1_000).startsWith("name 'xxx")
                .endsWith("… (5017 characters in all)");
        assertThat(d.detail()).isEqualTo("line one\nline two");
        assertThat(Diagnostic.error("r", SourcePos.startOf("f"), "a\nb\u001b").summary()).isEqualTo("a\\nb\\u001b");
    }
}
