package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** {@code infra fmt} as a user runs it: check, rewrite, refuse bad input, filter standard input. */
@Isolated("replaces System.in for the '-' cases")
class FmtCommandTest {

    private static final Path CASE = Golden.repo().resolve("src/test/resources/fmt/reordered-keys");
    private static final FileTime LONG_AGO = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void checkPrintsADiffExitsOneAndTouchesNothing() throws IOException {
        Path spec = messy("lab.yaml");
        Cli.Result r = Cli.run("fmt", "--check", spec.toString());

        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCode.DIFFERENCES.code());
        assertThat(r.out()).startsWith("--- " + spec + "\n+++ " + spec + " (formatted)\n@@ -1,")
                .contains("\n+version: 1\n", "\n-version: 1\n", "\n+  - name: lab1\n");
        assertThat(r.err()).contains(spec + ": not formatted");
        assertThat(Files.readString(spec)).isEqualTo(read(CASE.resolve("input.yaml")));
        assertThat(Files.getLastModifiedTime(spec)).isEqualTo(LONG_AGO);
    }

    @Test
    void fmtRewritesTheFileKeepingItsPermissionsThenCheckPasses() throws IOException {
        Path spec = messy("lab.yaml");
        Files.setPosixFilePermissions(spec, PosixFilePermissions.fromString("rw-r-----"));

        Cli.Result r = Cli.run("fmt", spec.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo(spec + ": formatted\n");
        assertThat(Files.readString(spec)).isEqualTo(read(CASE.resolve("expected.yaml")));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spec))).isEqualTo("rw-r-----");
        try (var left = Files.list(dir)) {
            assertThat(left).as("no temporary file left behind").containsExactly(spec);
        }

        Cli.Result check = Cli.run("fmt", "--check", spec.toString());
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).isEmpty();
        assertThat(check.err()).contains(spec + ": formatted");
    }

    @Test
    void aFormattedFileIsNotRewritten() throws IOException {
        Path spec = dir.resolve("lab.yaml");
        Files.writeString(spec, read(CASE.resolve("expected.yaml")));
        Files.setLastModifiedTime(spec, LONG_AGO);

        Cli.Result r = Cli.run("fmt", spec.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(spec + ": already formatted\n");
        assertThat(Files.getLastModifiedTime(spec)).isEqualTo(LONG_AGO);
    }

    @Test
    void aSymlinkIsFollowedAndKept() throws IOException {
        Path spec = messy("real.yaml");
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), spec.getFileName());

        assertThat(Cli.run("fmt", link.toString()).exitCode()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(spec)).isEqualTo(read(CASE.resolve("expected.yaml")));
    }

    @Test
    void invalidYamlExitsTwoWithItsPositionAndNothingIsWritten() throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "lab: x\nhosts: [a, b\nversion: 1\n");
        Path messy = messy("messy.yaml");

        Cli.Result r = Cli.run("fmt", messy.toString(), bad.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).containsPattern(bad.toString().replace("\\", "\\\\") + ":\\d+:\\d+: error\\[yaml-syntax]")
                .contains(bad + ": 1 error, 0 warnings; not formatted, nothing written");
        assertThat(r.all()).doesNotContain("Exception");
        assertThat(Files.readString(bad)).isEqualTo("lab: x\nhosts: [a, b\nversion: 1\n");
        assertThat(Files.getLastModifiedTime(messy)).as("the valid file is not written either").isEqualTo(LONG_AGO);

        Cli.Result check = Cli.run("fmt", "--check", bad.toString());
        assertThat(check.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(Cli.run("fmt", dir.resolve("missing.yaml").toString()).err()).contains("no such file");
    }

    @Test
    void theExamplesAreFormatted() {
        Cli.Result r = Cli.run("fmt", "--check", "examples/sigsrv.yaml", "examples/minimal.yaml");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void dashFormatsStandardInputToStandardOutput() throws IOException {
        String input = read(CASE.resolve("input.yaml"));
        Cli.Result r = withStdin(input, "fmt", "-");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).isEqualTo(read(CASE.resolve("expected.yaml")));

        Cli.Result check = withStdin(input, "fmt", "--check", "-");
        assertThat(check.exitCode()).isEqualTo(ExitCode.DIFFERENCES.code());
        assertThat(check.out()).startsWith("--- <stdin>\n+++ <stdin> (formatted)\n");

        Cli.Result bad = withStdin("a: [\n", "fmt", "-");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("<stdin>:");
    }

    @Test
    void dashCannotBeMixedWithFiles() {
        Cli.Result r = Cli.run("fmt", "-", "examples/minimal.yaml");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
        assertThat(r.err()).contains("cannot be combined");
    }

    @Test
    void helpDescribesTheCommand() {
        Cli.Result r = Cli.run("fmt", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: infra fmt", "--check", "Exit codes:");
    }

    private Path messy(String name) throws IOException {
        Path spec = dir.resolve(name);
        Files.writeString(spec, read(CASE.resolve("input.yaml")));
        Files.setLastModifiedTime(spec, LONG_AGO);
        return spec;
    }

    private static Cli.Result withStdin(String input, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        try {
            return Cli.run(args);
        } finally {
            System.setIn(saved);
        }
    }

    private static String read(Path path) throws IOException {
        return Files.readString(path, StandardCharsets.UTF_8);
    }
}
