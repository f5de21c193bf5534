package net.sigsrv.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./infra} launcher, as a user runs it: it finds a JDK by itself, runs the jar, and maps bad input
 * to exit 2 without a stack trace. Runs after {@code package}-less test phases too: the launcher builds the jar
 * itself when it is missing.
 */
class LauncherTest {

    private static Process run(Path cwd, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Golden.repo().resolve("infra").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", "/usr/bin:/bin"); // java 17 first on PATH: the launcher must look further
        return pb.start();
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void validatesTheExampleWithAJdkItFindsItself() throws Exception {
        Process p = run(Golden.repo(), "validate", "examples/sigsrv.yaml");
        String out = output(p);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("examples/sigsrv.yaml: valid");
    }

    @Test
    void badInputExitsTwoWithPositionAndNoStackTrace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lab.yaml"), "lab: x\nhosts:\n  - name: a\n    adress: https://a:8443\n");
        Process p = run(dir, "validate", "lab.yaml");
        String out = output(p);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("lab.yaml:4:5: error[schema-unknown-key]").contains("did you mean 'address'")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileExitsTwo(@TempDir Path dir) throws Exception {
        Process p = run(dir, "validate", "nope.yaml");
        String out = output(p);
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("nope.yaml").contains("no such file");
    }
}
