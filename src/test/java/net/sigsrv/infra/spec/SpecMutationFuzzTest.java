package net.sigsrv.infra.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation fuzzer over the bundled examples: a few hundred corrupted specs (keys deleted or duplicated,
 * scalars made huge, empty, of the wrong type or hostile, values nested deep, files cut short), each validated
 * in-process (as JSON, every fourth also as text). Whatever the mutant, validation answers as it answers a user:
 * exit 0 or 2, no internal error or stack trace, JSON that parses, and within a time limit. The seed is fixed, so a failure
 * names a mutant that can be rebuilt; set {@code -Dfuzz.seed=N} or {@code -Dfuzz.mutants=N} to explore further.
 */
class SpecMutationFuzzTest {

    private static final List<String> EXAMPLES = List.of("minimal", "lab", "sigsrv", "full");
    private static final long SEED = Long.getLong("fuzz.seed", 11L);
    private static final int MUTANTS = Integer.getInteger("fuzz.mutants", 240);
    /** Per mutant, both runs; far above the few milliseconds one takes, well below a hang. */
    private static final long TIMEOUT_SECONDS = 20;
    private static final Pattern SCALAR = Pattern.compile("^(\\s*(?:- )?[A-Za-z0-9_.-]+: )(\\S.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Values a mutation puts in place of a scalar: huge, empty, wrongly typed, hostile. */
    private static final List<Function<Random, String>> VALUES = List.of(
            r -> "a".repeat(100_000 + r.nextInt(1000)),
            r -> "\"" + "é".repeat(5_000) + "\"",
            r -> "\"\"",
            r -> "\" \"",
            r -> "",
            r -> "~",
            r -> "[]",
            r -> "{}",
            r -> "[1, [2, {a: b}]]",
            r -> "{x: {y: [z]}}",
            r -> "true",
            r -> "-1",
            r -> "0",
            r -> "99999999999999999999999",
            r -> "1.5e300",
            r -> "0x1F",
            r -> "\"$(reboot)\"",
            r -> "\"a; rm -rf /\"",
            r -> "../../etc/passwd",
            r -> "\"/srv/\\0x\"",
            r -> "\"\\e[2J\\e[31m\"",
            r -> "\"line\\nbreak\"",
            r -> "a/b",
            r -> "'*'",
            r -> "*undefined",
            r -> "&anchor value",
            r -> "!!binary AAAA",
            r -> "\"\\uFFFF\\uD800\"",
            r -> "10.0.0.0/99",
            r -> "90-80",
            r -> "https://h:99999",
            r -> "three",
            r -> "1PiB",
            r -> "9223372036854775807B",
            r -> "[".repeat(70) + "]".repeat(70),
            r -> "[".repeat(5_000) + "]".repeat(5_000),
            r -> "{a: ".repeat(200) + "b" + "}".repeat(200));

    @TempDir
    Path dir;

    @Test
    void noMutantOfTheExamplesBreaksTheValidator() throws Exception {
        Random random = new Random(SEED);
        List<String> sources = new ArrayList<>();
        for (String name : EXAMPLES) {
            sources.add(Files.readString(Golden.repo().resolve("examples/" + name + ".yaml")));
        }
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz", 0);
            t.setDaemon(true); // a hung mutant must not keep the test JVM alive
            return t;
        });
        try {
            for (int i = 0; i < MUTANTS; i++) {
                int example = i % EXAMPLES.size();
                List<String> how = new ArrayList<>();
                String mutant = mutate(sources.get(example), random, how);
                Path file = dir.resolve("mutant-" + i + ".yaml");
                Files.writeString(file, mutant, StandardCharsets.UTF_8);
                String label = "mutant " + i + " of examples/" + EXAMPLES.get(example) + ".yaml (seed " + SEED
                        + "): " + String.join("; ", how);
                boolean text = i % 4 == 0;
                Future<?> check = runner.submit(() -> {
                    check(file, label, text);
                    return null;
                });
                try {
                    check.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    check.cancel(true);
                    fail("%s: no answer in %d s", label, TIMEOUT_SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof AssertionError a) {
                        throw a;
                    }
                    throw new AssertionError(label + ": " + e.getCause(), e.getCause());
                }
                Files.delete(file);
            }
        } finally {
            runner.shutdownNow();
        }
    }

    /** {@code -o json} for every mutant; the text rendering (quoted lines, carets) for every fourth. */
    private static void check(Path file, String label, boolean text) throws IOException {
        Cli.Result json = Cli.run("validate", file.toString(), "-o", "json");
        assertThat(json.exitCode()).as("exit code of %s\n%s", label, head(json.all())).isIn(0, 2);
        assertThat(json.all()).as(label).doesNotContain("Exception").doesNotContain("\tat ")
                .doesNotContain("bug in infra");
        JsonNode tree;
        try {
            tree = JSON.readTree(json.out());
        } catch (IOException e) {
            throw new AssertionError(label + ": -o json printed invalid JSON: " + e.getMessage() + "\n"
                    + head(json.out()), e);
        }
        assertThat(tree.path("valid").asBoolean()).as(label).isEqualTo(json.exitCode() == 0);
        assertThat(tree.path("diagnostics").isArray()).as(label).isTrue();
        if (text) {
            Cli.Result plain = Cli.run("validate", file.toString());
            assertThat(plain.exitCode()).as("exit code of %s as text\n%s", label, head(plain.all()))
                    .isEqualTo(json.exitCode());
            assertThat(plain.all()).as(label).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(plain.all().length()).as("output size of %s", label).isLessThan(1_000_000);
        }
    }

    /** One to three mutations, described in {@code how}. */
    static String mutate(String source, Random r, List<String> how) {
        String text = source;
        int n = 1 + r.nextInt(3);
        for (int k = 0; k < n; k++) {
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            int at = r.nextInt(lines.size());
            switch (r.nextInt(7)) {
                case 0 -> {
                    how.add("delete line " + (at + 1));
                    lines.remove(at);
                }
                case 1 -> {
                    how.add("duplicate line " + (at + 1));
                    lines.add(at, lines.get(at));
                }
                case 2, 3, 4 -> {
                    int line = scalarLine(lines, r);
                    if (line < 0) {
                        continue;
                    }
                    Matcher m = SCALAR.matcher(lines.get(line));
                    m.matches();
                    int which = r.nextInt(VALUES.size());
                    how.add("value of line " + (line + 1) + " -> VALUES[" + which + "]");
                    lines.set(line, m.group(1) + VALUES.get(which).apply(r));
                }
                case 5 -> {
                    int depth = 60 + r.nextInt(20);
                    how.add("nest line " + (at + 1) + " " + depth + " deep");
                    StringBuilder deep = new StringBuilder(lines.get(at));
                    for (int d = 1; d <= depth; d++) {
                        deep.append('\n').append(" ".repeat(2 * d)).append("k").append(d).append(':');
                    }
                    lines.set(at, deep.append(" v").toString());
                }
                default -> {
                    int cut = r.nextInt(Math.max(1, text.length()));
                    how.add("truncate at " + cut);
                    return text.substring(0, cut);
                }
            }
            text = String.join("\n", lines);
        }
        return text;
    }

    private static int scalarLine(List<String> lines, Random r) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (SCALAR.matcher(lines.get(i)).matches()) {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(r.nextInt(candidates.size()));
    }

    private static String head(String text) {
        return text.length() <= 3_000 ? text : text.substring(0, 3_000) + "…";
    }
}
