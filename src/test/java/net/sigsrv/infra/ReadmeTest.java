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

/** The README is the front door: its generated sections, exit codes, commands and test command must be true. */
class ReadmeTest {

    private static final Path README = Golden.repo().resolve("README.md");

    @Test
    void generatedSectionsMatchTheCode() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String updated = replace(readme, "infra schema", Cli.run("schema").out());
        updated = replace(updated, "infra rules --markdown", Cli.run("rules", "--markdown").out());
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(README, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(readme).as("README generated sections are stale; run tests with -Dgolden.update=true")
                .isEqualTo(updated);
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
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        for (ExitCode code : ExitCode.values()) {
            assertThat(readme).contains("| " + code.code() + " | " + code.meaning() + " |");
        }
    }

    @Test
    void everyCommandIsInTheCommandReference() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("^  (infra [a-z-]+( [a-z-]+)*)", Pattern.MULTILINE).matcher(Cli.run("list").out());
        int commands = 0;
        while (m.find()) {
            commands++;
            assertThat(readme).as("README command reference").contains("`" + m.group(1));
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
        assertThat(from).as("README has the marker %s", begin.trim()).isNotNegative();
        assertThat(to).isGreaterThan(from);
        return text.substring(0, from + begin.length()) + content + text.substring(to);
    }
}
