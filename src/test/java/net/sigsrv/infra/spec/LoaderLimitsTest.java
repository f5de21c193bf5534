package net.sigsrv.infra.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.spec.yaml.YamlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's size limits, with inputs too large to keep as fixtures: they are written to a temporary directory.
 * Covers {@code file-too-large} and {@code yaml-too-complex} for {@link RuleCoverageTest}.
 */
class LoaderLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverSixteenMebibytesIsRefusedBeforeItIsRead() throws IOException {
        Path spec = dir.resolve("huge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(spec.toFile(), "rw")) {
            file.setLength(YamlFile.MAX_BYTES + 1); // sparse: nothing is written, and nothing must be read
        }

        Cli.Result r = Cli.run("validate", spec.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).startsWith(spec + ":1:1: error[file-too-large]: " + spec + " is "
                + (YamlFile.MAX_BYTES + 1) + " bytes; a spec may be at most " + YamlFile.MAX_BYTES + " bytes (16 MiB)");
        assertThat(r.out()).contains("1 error, 0 warnings").doesNotContain("file-binary");
        assertThat(r.all()).doesNotContain("Exception");
    }

    @Test
    void aFileOfExactlyTheLimitIsReadAndJudgedOnItsContent() throws IOException {
        Path spec = dir.resolve("limit.yaml");
        try (RandomAccessFile file = new RandomAccessFile(spec.toFile(), "rw")) {
            file.setLength(YamlFile.MAX_BYTES);
        }

        Cli.Result r = Cli.run("validate", spec.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("error[file-binary]").doesNotContain("file-too-large");
    }

    /**
     * Few aliases (48, under the limit of 50), each of a list already full of items: 25 projects × 25 instances ×
     * 4,000 profile names expand to 2.5 million nodes, over the checker's budget of 2 million.
     */
    @Test
    void aDocumentThatExpandsPastTheNodeBudgetIsTooComplex() throws IOException {
        String profiles = String.join(", ", Collections.nCopies(4_000, "p"));
        StringBuilder yaml = new StringBuilder("""
                lab: test
                hosts:
                  - name: sigsrv
                    description: Main host
                projects:
                  - &project
                    name: tenant
                    description: A tenant
                    limits:
                      instances: 1
                    instances:
                      - &instance
                        name: web
                        image: images:debian/12
                """);
        yaml.append("        profiles: [").append(profiles).append("]\n");
        yaml.append("      - *instance\n".repeat(24));
        yaml.append("  - *project\n".repeat(24));
        Path spec = dir.resolve("complex.yaml");
        Files.writeString(spec, yaml, StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("validate", spec.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).startsWith(spec + ":1:1: error[yaml-too-complex]: " + spec
                + " expands to more than 2000000 YAML nodes (aliases expanded)");
        assertThat(r.out()).contains("1 error, 0 warnings").doesNotContain("yaml-alias-limit");
        assertThat(r.all()).doesNotContain("Exception");
    }
}
