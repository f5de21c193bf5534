package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;

/**
 * The doctor's check table in docs/doctor.md is the code's check list ({@code infra doctor --list-checks
 * --markdown}, one row per {@link Check}, in its order); run with {@code -Dgolden.update=true} to rewrite it.
 */
class DoctorReadmeTest {

    private static final String MARKER = "infra doctor --list-checks --markdown";

    @Test
    void checkTableMatchesTheCode() throws Exception {
        Path readme = Golden.repo().resolve("docs/doctor.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String begin = "<!-- BEGIN generated: " + MARKER + " -->\n";
        String end = "<!-- END generated: " + MARKER + " -->";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as("docs/doctor.md has %s", begin.strip()).isNotNegative();
        assertThat(to).isGreaterThan(from);
        Cli.Result table = Cli.run("doctor", "--list-checks", "--markdown");
        assertThat(table.exitCode()).isZero();
        assertThat(table.out().lines().filter(l -> l.startsWith("| `"))).as("one row per check")
                .hasSize(Check.values().length);
        String updated = text.substring(0, from + begin.length()) + table.out() + text.substring(to);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(readme, updated, StandardCharsets.UTF_8);
            return;
        }
        assertThat(text).as("docs/doctor.md check table is stale; run with -Dgolden.update=true").isEqualTo(updated);
    }
}
