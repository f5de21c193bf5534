package net.sigsrv.infra.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.regex.Pattern;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.spec.yaml.YamlFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader's size limits, with inputs too large to keep as fixtures: they are written to a temporary directory.
 * Covers {@code file-too-large} and {@code yaml-too-complex} for {@link RuleCoverageTest}; also the bounds on what
 * any input gets back: 1,000 diagnostics, values cut to their start and length, nesting 64 deep.
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

    private static final Pattern DIAGNOSTIC = Pattern.compile("^\\S+:\\d+:\\d+: error\\[", Pattern.MULTILINE);

    /**
     * 1,100 instances with three mistakes each (a bad name, a NIC name over 15 characters, an undefined network):
     * 3,300 errors, of which the first 1,000 are shown and the rest counted. Before, every one was printed, and
     * each printed line split the whole file again (a 1 MB spec of errors took minutes).
     */
    @Test
    void aSpecFullOfErrorsShowsTheFirstThousandAndCountsTheRest() throws IOException {
        StringBuilder yaml = new StringBuilder("lab: test\nhosts:\n  - name: sigsrv\n    description: h\ninstances:\n");
        for (int i = 0; i < 1_100; i++) {
            yaml.append("  - name: 9bad-").append(i).append("\n    image: img\n    nics:\n")
                    .append("      - name: eth0-far-too-long-").append(i).append("\n        network: nonet\n");
        }
        Path spec = dir.resolve("errors.yaml");
        Files.writeString(spec, yaml, StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("validate", spec.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(DIAGNOSTIC.matcher(r.out()).results().count()).isEqualTo(1_000);
        assertThat(r.out()).contains("\n… and 2300 more not shown (only the first 1000 are; fix these first)\n")
                .endsWith(spec + ": 3300 errors, 0 warnings\n");
        assertThat(r.all()).doesNotContain("Exception");

        JsonNode json = new ObjectMapper().readTree(Cli.run("validate", spec.toString(), "-o", "json").out());
        assertThat(json.get("errors").asLong()).isEqualTo(3_300);
        assertThat(json.get("diagnostics")).hasSize(1_000);
        assertThat(json.get("not_shown").asLong()).isEqualTo(2_300);
    }

    /** A value of 1 MiB is quoted by its first 60 characters and its length, wherever a message names it. */
    @Test
    void aMebibyteValueIsQuotedByItsStartAndItsLength() throws IOException {
        String huge = "x".repeat(1 << 20);
        Path spec = dir.resolve("huge-value.yaml");
        Files.writeString(spec, "lab: test\nhosts:\n  - name: sigsrv\n    description: h\ninstances:\n"
                + "  - name: " + huge + "\n    image: img\n    typo: 1\n    memory: " + huge + "\n",
                StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("validate", spec.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.all().length()).as("output of\n%s", r.all().substring(0, Math.min(3000, r.all().length())))
                .isLessThan(4_000);
        assertThat(r.out()).contains("instances[" + "x".repeat(60) + "… (1048576 characters)]: unknown key 'typo'")
                .contains("'" + "x".repeat(60) + "… (1048576 characters)' is not a size");
    }

    /** Deep nesting is refused with its position instead of overflowing the parser's stack. */
    @Test
    void nestingDeeperThanSixtyFourIsRefusedWithItsPosition() throws IOException {
        Path spec = dir.resolve("deep.yaml");
        Files.writeString(spec, "lab: test\nhosts: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n",
                StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("validate", spec.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).startsWith(spec + ":2:71: error[yaml-too-deep]: lists and maps nest more than 64 levels"
                + " deep here");
        assertThat(r.all()).doesNotContain("Exception").doesNotContain("StackOverflow");
    }

    /**
     * Aliases inside a deep nest: the alias check looked each one up among the open collections, the depth for
     * every alias (200,000 of each: billions of steps, a hang). Now the depth limit answers first.
     */
    @Test
    void aliasesInsideADeepNestAnswerAtOnce() throws IOException {
        int n = 200_000;
        Path spec = dir.resolve("alias-deep.yaml");
        Files.writeString(spec, "lab: test\nhosts: [&a y, " + "[".repeat(n) + "*a, ".repeat(n) + "]".repeat(n)
                + "]\n", StandardCharsets.UTF_8);

        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> Cli.run("validate", spec.toString()));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).startsWith(spec + ":2:77: error[yaml-too-deep]: ");
    }

    /**
     * 2,000 copies of one range on 50 hosts, each carried by one host: one overlap per network (it was one per
     * pair: 1,999,000) and one cross-host report per network naming the hosts it misses (it was one per host).
     */
    @Test
    void manyNetworksGetOneReportEachNotOnePerPairOrHost() throws IOException {
        StringBuilder yaml = new StringBuilder("lab: test\nhosts:\n");
        for (int h = 0; h < 50; h++) {
            yaml.append("  - {name: h").append(h).append(", description: d}\n");
        }
        yaml.append("networks:\n");
        for (int n = 0; n < 2_000; n++) {
            yaml.append("  - {name: n").append(n).append("br0, description: d, purpose: p, ipv4: 10.0.0.0/24,"
                    + " hosts: [h0]}\n");
        }
        Path spec = dir.resolve("networks.yaml");
        Files.writeString(spec, yaml, StandardCharsets.UTF_8);

        Cli.Result r = Cli.run("validate", spec.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).endsWith(spec + ": 3999 errors, 0 warnings\n")
                .contains("error[network-cross-host]: network n0br0 is not defined on hosts h1, h2, h3, h4, h5, h6, h7,"
                        + " h8, h9, h10 and 39 more\n")
                .contains("error[network-overlap]: network n1br0: ipv4 10.0.0.0/24 overlaps network n0br0 (10.0.0.0/24)");
    }
}
