package net.sigsrv.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sigsrv.infra.cli.ExitCode;
import org.junit.jupiter.api.Test;

/**
 * The README is the front door and docs/ holds the reference: the generated sections (the spec reference in
 * docs/spec.md, the rule table in docs/rules.md, in RuleCatalog order), the exit codes and the command reference
 * (docs/commands.md, with the operations in docs/operations.md), and the README's test command must be true.
 */
class ReadmeTest {

    private static final Path README = Golden.repo().resolve("README.md");
    private static final Path SPEC = Golden.repo().resolve("docs/spec.md");
    private static final Path RULES = Golden.repo().resolve("docs/rules.md");
    private static final Path COMMANDS = Golden.repo().resolve("docs/commands.md");
    private static final Path OPERATIONS = Golden.repo().resolve("docs/operations.md");

    @Test
    void generatedSectionsMatchTheCode() throws IOException {
        assertGenerated(SPEC, "infra schema", Cli.run("schema").out());
        assertGenerated(RULES, "infra rules --markdown", Cli.run("rules", "--markdown").out());
    }

    private static void assertGenerated(Path page, String marker, String content) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        String updated = replace(text, marker, content);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(page, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(text).as("%s: generated section '%s' is stale; run tests with -Dgolden.update=true",
                Golden.repo().relativize(page), marker).isEqualTo(updated);
    }

    @Test
    void everySpecKeyHasAnExampleFromARealSpec() {
        String reference = Cli.run("schema").out();
        var rows = reference.lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(rows).hasSizeGreaterThan(100);
        // columns: key | type | default | example | meaning
        assertThat(rows.stream().filter(row -> row.split("(?<!\\\\)\\|")[4].isBlank()).toList())
                .as("rows without an example: add the key to examples/full.yaml").isEmpty();
    }

    @Test
    void everyExitCodeIsDocumented() throws IOException {
        String commands = Files.readString(COMMANDS, StandardCharsets.UTF_8);
        for (ExitCode code : ExitCode.values()) {
            assertThat(commands).as("docs/commands.md exit codes")
                    .contains("| " + code.code() + " | " + code.meaning() + " |");
        }
    }

    @Test
    void everyCommandIsInTheCommandReference() throws IOException {
        String reference = Files.readString(COMMANDS, StandardCharsets.UTF_8)
                + Files.readString(OPERATIONS, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^  (infra [a-z-]+( [a-z-]+)*)", Pattern.MULTILINE).matcher(Cli.run("list").out());
        int commands = 0;
        while (m.find()) {
            commands++;
            assertThat(reference).as("command reference (docs/commands.md, docs/operations.md)").contains("`" + m.group(1));
        }
        assertThat(commands).isGreaterThanOrEqualTo(5);
    }

    @Test
    void ciRunsTheReadmeTestCommand() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String ci = Files.readString(Golden.repo().resolve(".ci/run"), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^# run every test.*\\n(\\./dev test)$", Pattern.MULTILINE).matcher(readme);
        assertThat(m.find()).as("README names the test command").isTrue();
        assertThat(ci.lines().map(String::trim)).contains(m.group(1));
    }

    private static String replace(String text, String marker, String content) {
        String begin = "<!-- BEGIN generated: " + marker + " -->\n";
        String end = "<!-- END generated: " + marker + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("the page has the marker %s", begin.trim()).isNotNegative();
        assertThat(to).isGreaterThan(from);
        return text.substring(0, from + begin.length()) + content + text.substring(to);
    }
}
