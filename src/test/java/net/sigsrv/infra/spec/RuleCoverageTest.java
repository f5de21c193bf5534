package net.sigsrv.infra.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.spec.validate.RuleCatalog;
import org.junit.jupiter.api.Test;

/**
 * Every rule in {@link RuleCatalog} is shown to fire by at least one golden file under
 * {@code src/test/resources/validate/}, so a new rule cannot land without a fixture. The only exceptions are rules
 * whose input is too large to keep as a fixture; they are listed here with the test that covers them instead.
 */
class RuleCoverageTest {

    private static final Path ROOT = Path.of("src/test/resources/validate");
    private static final Pattern RULE = Pattern.compile("^\\S+:\\d+:\\d+: (?:error|warning)\\[([a-z0-9-]+)]: ",
            Pattern.MULTILINE);

    /** Rule → the test that exercises it instead of a fixture. */
    private static final Map<String, String> COVERED_ELSEWHERE = Map.of(
            "file-too-large", "LoaderLimitsTest (a 16 MiB file is generated, not committed)",
            "yaml-too-complex", "LoaderLimitsTest (a 2.5-million-node expansion is generated)");

    @Test
    void everyRuleHasAFixture() throws IOException {
        Set<String> shown = rulesInGoldenFiles();
        Set<String> missing = new TreeSet<>();
        for (RuleCatalog.Rule rule : RuleCatalog.RULES) {
            if (!shown.contains(rule.id()) && !COVERED_ELSEWHERE.containsKey(rule.id())) {
                missing.add(rule.id());
            }
        }
        assertThat(missing).as("rules without a fixture under %s (add a case folder with spec.yaml and"
                + " expected.txt)", ROOT).isEmpty();
    }

    @Test
    void theExceptionsAreStillRulesOfTheCatalog() {
        assertThat(COVERED_ELSEWHERE.keySet()).allMatch(RuleCatalog::isKnown);
    }

    private static Set<String> rulesInGoldenFiles() throws IOException {
        Set<String> rules = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Golden.repo().resolve(ROOT))) {
            for (Path expected : files.filter(p -> p.getFileName().toString().equals("expected.txt")).toList()) {
                Matcher m = RULE.matcher(Files.readString(expected, StandardCharsets.UTF_8));
                while (m.find()) {
                    rules.add(m.group(1));
                }
            }
        }
        assertThat(rules).as("golden files found under %s", ROOT).isNotEmpty();
        return rules;
    }
}
