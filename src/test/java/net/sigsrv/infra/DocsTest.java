package net.sigsrv.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.sigsrv.infra.doctor.Check;
import net.sigsrv.infra.spec.validate.RuleCatalog;
import org.junit.jupiter.api.Test;

/**
 * The README is a front door a newcomer can walk: small, the two commands first, every page of docs/ linked, and no
 * relative link (file or heading anchor) in README.md, docs/, lab/README.md or bench/README.md that leads nowhere.
 * The generated tables keep the code's order (the doctor's checks in {@link Check} order, the rules in
 * {@link RuleCatalog} order); {@link ReadmeTest} and {@code DoctorReadmeTest} keep their contents equal to the code.
 */
class DocsTest {

    private static final Path REPO = Golden.repo();
    private static final Path README = REPO.resolve("README.md");
    private static final int README_LIMIT = 15_000;
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *#*$");

    @Test
    void readmeIsAFrontDoorUnder15000Bytes() throws IOException {
        assertThat(Files.size(README)).as("README.md bytes: move reference to docs/").isLessThan(README_LIMIT);
    }

    @Test
    void theTwoCommandsComeFirst() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        int fence = -1;
        for (int i = 0; i < lines.size() && fence < 0; i++) {
            assertThat(lines.get(i)).as("nothing but a short introduction before the two commands")
                    .doesNotStartWith("## ");
            if (lines.get(i).startsWith("```")) {
                fence = i;
            }
        }
        assertThat(fence).as("README's first code block").isBetween(0, 10);
        assertThat(lines.get(fence)).isEqualTo("```sh");
        assertThat(lines.subList(fence + 1, fence + 6)).containsExactly(
                "# the main job: apply the example lab to the embedded simulator, then plan again (\"No changes\")",
                "./infra apply --sim --auto-approve examples/sigsrv.yaml && ./infra plan --sim examples/sigsrv.yaml",
                "# run every test (the command CI runs)",
                "./dev test",
                "```");
        assertThat(Files.readString(REPO.resolve(".ci/run"), StandardCharsets.UTF_8).lines().map(String::trim))
                .as(".ci/run runs the README's test command").contains("./dev test");
    }

    @Test
    void everyPageOfDocsIsLinkedFromTheReadme() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        List<Path> pages = pages().stream().filter(p -> p.startsWith(REPO.resolve("docs"))).toList();
        assertThat(pages).hasSizeGreaterThanOrEqualTo(10);
        for (Path page : pages) {
            String target = REPO.relativize(page).toString().replace('\\', '/');
            assertThat(readme).as("README links %s", target).contains("](" + target + ")");
        }
        for (String other : List.of("lab/README.md", "bench/README.md", "docs/lxd-vs-incus.md")) {
            assertThat(readme).as("README links %s", other).contains("](" + other + ")");
        }
    }

    @Test
    void everyRelativeLinkResolves() throws IOException {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            for (String target : links(page)) {
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // https:, mailto: — not ours to check
                }
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!resolved.startsWith(REPO) || !Files.exists(resolved)) {
                    broken.add(REPO.relativize(page) + ": " + target + " (no such file)");
                    continue;
                }
                if (hash >= 0 && resolved.toString().endsWith(".md")) {
                    String anchor = target.substring(hash + 1);
                    Set<String> known = anchors.computeIfAbsent(resolved, DocsTest::anchorsOf);
                    if (!known.contains(anchor)) {
                        broken.add(REPO.relativize(page) + ": " + target + " (no such heading)");
                    }
                }
            }
        }
        assertThat(checked).as("relative links checked").isGreaterThan(20);
        assertThat(broken).as("relative links that lead nowhere").isEmpty();
    }

    @Test
    void generatedTablesKeepTheCodesOrder() throws IOException {
        assertThat(firstColumn(REPO.resolve("docs/doctor.md"), "infra doctor --list-checks --markdown"))
                .as("docs/doctor.md check table, in Check order")
                .containsExactlyElementsOf(Arrays.stream(Check.values()).map(Check::id).toList());
        assertThat(firstColumn(REPO.resolve("docs/rules.md"), "infra rules --markdown"))
                .as("docs/rules.md rule table, in RuleCatalog order")
                .containsExactlyElementsOf(RuleCatalog.RULES.stream().map(RuleCatalog.Rule::id).toList());
    }

    @Test
    void anchorsFollowGitHubsRules() {
        assertThat(slug("Saved plans are checked, not trusted")).isEqualTo("saved-plans-are-checked-not-trusted");
        assertThat(slug("A plan sees a member's missing bridge")).isEqualTo("a-plan-sees-a-members-missing-bridge");
        assertThat(slug("`hosts[].capacity` — capacity")).isEqualTo("hostscapacity--capacity");
        assertThat(slug("Doctor: finding the root cause")).isEqualTo("doctor-finding-the-root-cause");
    }

    private static List<String> firstColumn(Path page, String marker) throws IOException {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        int from = text.indexOf("<!-- BEGIN generated: " + marker + " -->");
        int to = text.indexOf("<!-- END generated: " + marker + " -->");
        assertThat(from).as("%s has the generated section %s", page, marker).isNotNegative();
        assertThat(to).isGreaterThan(from);
        return text.substring(from, to).lines().filter(l -> l.startsWith("| `"))
                .map(l -> l.substring(3, l.indexOf('`', 3))).toList();
    }

    /** README.md, every page under docs/, lab/README.md and bench/README.md. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(README, REPO.resolve("lab/README.md"),
                REPO.resolve("bench/README.md")));
        try (Stream<Path> docs = Files.walk(REPO.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Link targets outside code (fenced blocks and inline code spans are not links). */
    private static List<String> links(Path page) throws IOException {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            // a code span that shows a link (`[x](y)`) is text, not a link
            String text = CODE_SPAN.matcher(line).replaceAll(s -> s.group().contains("](") ? "``" : "$0");
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub makes of a page's headings (outside fenced code), with -1, -2… for repeats. */
    private static Set<String> anchorsOf(Path page) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        try {
            for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
                if (line.startsWith("```")) {
                    fenced = !fenced;
                }
                Matcher m = HEADING.matcher(line);
                if (fenced || !m.matches()) {
                    continue;
                }
                String slug = slug(m.group(1));
                int n = seen.merge(slug, 1, Integer::sum);
                anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return anchors;
    }

    /** GitHub's heading anchor: lower case, punctuation dropped (letters, digits, '-' and '_' kept), spaces to '-'. */
    static String slug(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\- _]", "").replace(' ', '-');
    }
}
