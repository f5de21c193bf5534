package net.sigsrv.infra.spec.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * One folder per case under {@code src/test/resources/fmt/}: {@code input.yaml} (messy) and {@code expected.yaml}
 * (its canonical form, reviewed by eye). Formatting the input gives the expected text, and formatting the expected
 * text changes nothing. The example specs are canonical already.
 */
class SpecFormatterTest {

    static final Path CASES = Golden.repo().resolve("src/test/resources/fmt");

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(CASES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Stream<String> examples() {
        return Stream.of("examples/sigsrv.yaml", "examples/minimal.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void formatsTheInputAsExpected(String name) throws IOException {
        String input = read(CASES.resolve(name).resolve("input.yaml"));
        Golden.assertMatches(CASES.resolve(name).resolve("expected.yaml"), format(input, name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expectedOutputIsAFixedPoint(String name) throws IOException {
        String expected = read(CASES.resolve(name).resolve("expected.yaml"));
        assertThat(format(expected, name)).as("formatting %s/expected.yaml again", name).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void examplesAreCanonical(String example) throws IOException {
        String text = read(Golden.repo().resolve(example));
        assertThat(format(text, example)).as(example).isEqualTo(text);
    }

    @Test
    void windowsLineEndingsAndAMissingFinalNewlineAreNormalised() {
        assertThat(format("lab: x\r\nversion: 1\r\n# end", "crlf")).isEqualTo("version: 1\nlab: x\n# end\n");
    }

    @Test
    void aCommentOnlyDocumentKeepsItsComments() {
        assertThat(format("\n\n# only\n\n\n# comments\n\n", "c")).isEqualTo("# only\n\n# comments\n");
    }

    @Test
    void invalidYamlIsADiagnosticAndTheTextIsReturnedUnchanged() {
        String text = "lab: [unclosed\nhosts: x\n";
        SpecFormatter.Result r = SpecFormatter.format(text, "bad.yaml");
        assertThat(r.ok()).isFalse();
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.diagnostics().sorted()).first()
                .satisfies(d -> assertThat(d.rule()).isEqualTo("yaml-syntax"))
                .satisfies(d -> assertThat(d.pos().toString()).matches("bad\\.yaml:\\d+:\\d+"));
    }

    @Test
    void aMapInAListStartsOnTheDashLineAndNestedListsAreCompact() {
        assertThat(format("hosts:\n-\n    address: a\n    name: h\n- - x\n  - y\nlab: l\n", "c"))
                .isEqualTo("lab: l\nhosts:\n  - name: h\n    address: a\n  - - x\n    - y\n");
    }

    @Test
    void aCommentOnTheDashLineStaysThereAndTheMapFollowsBelow() {
        String text = "hosts:\n  - # the first host\n    name: h\n";
        assertThat(format(text, "c")).isEqualTo(text);
    }

    @Test
    void aHeadCommentOfTheFirstKeyInAListItemMovesAboveTheDash() {
        assertThat(format("hosts:\n  - address: a\n    # the name\n    name: h\n", "c"))
                .isEqualTo("hosts:\n  # the name\n  - name: h\n    address: a\n");
    }

    @Test
    void aCommentBetweenAKeyAndItsScalarValueMovesAboveTheKey() {
        assertThat(format("lab:\n  # why\n  x\n", "c")).isEqualTo("# why\nlab: x\n");
    }

    @Test
    void aKeptBlockScalarGetsNoExtraBlankLineAfterIt() {
        String text = "description: |+\n  text\n\nlab: x\n";
        assertThat(format(text, "c")).isEqualTo("lab: x\ndescription: |+\n  text\n\n");
    }

    @Test
    void flowCollectionsWithCommentsBecomeBlockSoTheCommentsKeepTheirItems() {
        assertThat(format("acls: [a, # first\n  b]\n", "c")).isEqualTo("acls:\n  - a # first\n  - b\n");
    }

    @Test
    void aliasesAndTagsAreKeptAsWritten() {
        String text = "lab: &name x\ndescription: *name\nx-tag: !!str 1\n";
        assertThat(format(text, "c")).isEqualTo(text);
    }

    @Test
    void theSafetyNetSeesLostCommentsAndChangedData() {
        assertThat(Equivalence.difference("a: 1 # c\n", "a: 1\n", settings())).hasValueSatisfying(
                problem -> assertThat(problem).contains("lost [# c]"));
        assertThat(Equivalence.difference("a: 1\n", "a: '1'\n", settings())).hasValue(
                "the output holds different data");
    }

    private static LoadSettings settings() {
        return LoadSettings.builder().build();
    }

    static String format(String text, String name) {
        SpecFormatter.Result r = SpecFormatter.format(text, name);
        assertThat(r.ok()).as("diagnostics for %s: %s", name, r.diagnostics().sorted()).isTrue();
        return r.text();
    }

    static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
