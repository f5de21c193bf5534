package net.sigsrv.infra.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.spec.validate.RuleCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per bad-input case under {@code src/test/resources/validate/}: {@code spec.yaml} (or any file named
 * {@code spec.*}) and {@code expected.txt}, the exact output of {@code infra validate}. Every case must exit 2,
 * name file:line:column, name a known rule, and never show a stack trace. A case folder may hold {@code args}
 * (extra command-line words, one line) — e.g. {@code --strict}. A folder with no {@code spec.*} file at all is
 * the missing-file case: {@code spec.yaml} is passed anyway. {@link RuleCoverageTest} checks that the golden files
 * between them show every rule.
 */
class ValidateFixturesTest {

    private static final Path ROOT = Path.of("src/test/resources/validate");
    private static final Pattern POSITION = Pattern.compile("^\\S+:\\d+:\\d+: (error|warning)\\[([a-z0-9-]+)]: ",
            Pattern.MULTILINE);

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(Golden.repo().resolve(ROOT))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsReportedWithPositionAndRule(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        Path abs = Golden.repo().resolve(dir);
        Path spec;
        try (Stream<Path> files = Files.list(abs)) {
            spec = files.filter(p -> p.getFileName().toString().startsWith("spec")).findFirst()
                    .map(p -> dir.resolve(p.getFileName())).orElse(dir.resolve("spec.yaml"));
        }
        List<String> args = new ArrayList<>(List.of("validate", spec.toString()));
        Path argsFile = abs.resolve("args");
        if (Files.exists(argsFile)) {
            args.addAll(List.of(Files.readString(argsFile).trim().split("\\s+")));
        }
        Cli.Result result = inRepo(args);

        assertThat(result.exitCode()).as("exit code of %s\n%s", name, result.all()).isEqualTo(2);
        assertThat(result.all()).doesNotContain("Exception").doesNotContain("\tat ");
        var m = POSITION.matcher(result.out());
        assertThat(m.find()).as("a file:line:column: severity[rule] line in\n%s", result.out()).isTrue();
        m.reset();
        while (m.find()) {
            assertThat(RuleCatalog.isKnown(m.group(2))).as("rule %s is in the catalog", m.group(2)).isTrue();
        }
        Golden.assertMatches(abs.resolve("expected.txt"), result.out());
    }

    /** Runs with paths relative to the repository, as a user in the checkout would type them. */
    private static Cli.Result inRepo(List<String> args) {
        String cwd = System.getProperty("user.dir");
        assertThat(Path.of(cwd).toAbsolutePath().normalize()).as("tests run from the repository root")
                .isEqualTo(Golden.repo());
        return Cli.run(args.toArray(String[]::new));
    }
}
