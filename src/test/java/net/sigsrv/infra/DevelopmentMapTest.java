package net.sigsrv.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package map of {@code docs/development.md} is what the code does: every package under {@code net.sigsrv.infra}
 * has a row (its subpackages named in it) and a {@code package-info.java}, and uses (by import or fully qualified
 * name, outside comments and strings) only the packages its row allows. Rows of packages that do not exist yet are
 * allowed. A failure names the file and the arrow: either the code took a shortcut, or the map needs a new arrow —
 * change the map on purpose, in the same commit, and say why.
 */
class DevelopmentMapTest {

    private static final String ROOT = "net.sigsrv.infra.";
    private static final Path MAP = Golden.repo().resolve("docs/development.md");
    private static final Path SOURCES = Golden.repo().resolve("src/main/java/net/sigsrv/infra");

    /**
     * Arrows the code has and the map does not allow, each with why it stays for now: "room -> used package". Add
     * nothing here without a reason a reader can check; remove an entry when the code stops needing it.
     */
    private static final Set<String> KNOWN_EXCEPTIONS = Set.of(
            // guard reads spec.model.Privilege: the one boolean parser and list of privileged-equivalent keys that
            // validation, the guards and the doctor share (spec may use only diag, so the list lives there).
            "guard -> spec.model");

    private static final Pattern REFERENCE = Pattern.compile("\\bnet\\.sigsrv\\.infra((?:\\.[a-z][a-z0-9_]*)+)");
    private static final Pattern BACKTICKED = Pattern.compile("`([a-z][a-z0-9_.]*)`");

    /** One row of the map: the room, the packages its text names, and what it may use. */
    private record Row(String room, Set<String> named, Set<String> mayUse) {
    }

    @Test
    void everyPackageUsesOnlyWhatItsRowAllows() throws IOException {
        Map<String, Row> rows = rows();
        List<String> forbidden = new ArrayList<>();
        Set<String> exceptionsSeen = new HashSet<>();
        for (Path file : javaFiles()) {
            String own = packageOf(file);
            Row row = own.startsWith(ROOT) ? rows.get(room(own.substring(ROOT.length()))) : null;
            if (row == null) {
                continue; // reported by everyPackageHasARowAndAPackageInfo
            }
            String room = row.room();
            for (String used : references(file)) {
                if (room(used).equals(room) || allowed(row.mayUse(), used)) {
                    continue;
                }
                String arrow = room + " -> " + used;
                if (KNOWN_EXCEPTIONS.stream().anyMatch(e -> arrow.equals(e) || arrow.startsWith(e + "."))) {
                    exceptionsSeen.add(KNOWN_EXCEPTIONS.stream()
                            .filter(e -> arrow.equals(e) || arrow.startsWith(e + ".")).findFirst().orElseThrow());
                    continue;
                }
                forbidden.add(Golden.repo().relativize(file) + ": " + arrow);
            }
        }
        assertThat(forbidden).as("arrows docs/development.md's package map does not allow (fix the code, or change "
                + "the map on purpose)").isEmpty();
        assertThat(exceptionsSeen).as("known exceptions the code no longer needs: remove them from this test")
                .containsExactlyInAnyOrderElementsOf(KNOWN_EXCEPTIONS);
    }

    @Test
    void everyPackageHasARowAndAPackageInfo() throws IOException {
        Map<String, Row> rows = rows();
        Set<String> packages = new TreeSet<>();
        for (Path file : javaFiles()) {
            packages.add(packageOf(file));
        }
        assertThat(packages).as("packages under %s", SOURCES).hasSizeGreaterThan(10);
        for (String pkg : packages) {
            assertThat(pkg).as("a class directly in net.sigsrv.infra belongs in a package of the map")
                    .startsWith(ROOT);
            String name = pkg.substring(ROOT.length());
            Row row = rows.get(room(name));
            assertThat(row).as("package %s has no row in docs/development.md's package map", pkg).isNotNull();
            assertThat(row.named()).as("row %s of the package map names its subpackage `%s`", row.room(), name)
                    .contains(name);
            assertThat(SOURCES.resolve(name.replace('.', '/')).resolve("package-info.java"))
                    .as("package %s says what lives there and what it may use", pkg).exists();
        }
    }

    @Test
    void theMapAllowsNoCycleAndNobodyUsesCli() throws IOException {
        Map<String, Row> rows = rows();
        assertThat(rows.keySet()).as("rows of the package map").contains("diag", "spec", "incus", "sim", "graph",
                "plan", "apply", "engine", "values", "guard", "doctor", "ops", "cli");
        Map<String, Set<String>> edges = new TreeMap<>();
        rows.forEach((room, row) -> {
            Set<String> to = new TreeSet<>();
            row.mayUse().forEach(used -> to.add(room(used)));
            edges.put(room, to);
        });
        edges.forEach((room, to) -> {
            assertThat(rows.keySet()).as("%s may use only packages of the map", room).containsAll(to);
            assertThat(to).as("nothing uses cli or web (%s)", room).doesNotContain("cli", "web");
            assertThat(to).as("a row does not name itself (%s)", room).doesNotContain(room);
        });
        for (String start : edges.keySet()) {
            assertThat(reaches(edges, start, start, new HashSet<>())).as("the map has a cycle through %s", start)
                    .isFalse();
        }
    }

    @Test
    void importsAndQualifiedNamesCountButCommentsAndStringsDoNot() {
        String source = """
                package net.sigsrv.infra.guard;

                import net.sigsrv.infra.incus.RequestListener;
                import static net.sigsrv.infra.spec.model.Privilege.isTrue;
                /** See {@link net.sigsrv.infra.doctor.Doctor}. */
                class X { // net.sigsrv.infra.ops.Ops
                    Object a = new net.sigsrv.infra.sim.SimStore();
                    String b = "net.sigsrv.infra.cli.Main";
                    char c = '"'; Object d = net.sigsrv.infra.plan.render.PlanText.class;
                    String e = \"""
                        net.sigsrv.infra.web.Server
                        \""";
                }
                """;
        assertThat(references(source)).containsExactly("incus", "plan.render", "sim", "spec.model");
    }

    private static boolean reaches(Map<String, Set<String>> edges, String from, String target, Set<String> seen) {
        for (String next : edges.getOrDefault(from, Set.of())) {
            if (next.equals(target) || (seen.add(next) && reaches(edges, next, target, seen))) {
                return true;
            }
        }
        return false;
    }

    private static boolean allowed(Set<String> mayUse, String used) {
        return mayUse.stream().anyMatch(p -> used.equals(p) || used.startsWith(p + "."));
    }

    private static String room(String pkg) {
        int dot = pkg.indexOf('.');
        return dot < 0 ? pkg : pkg.substring(0, dot);
    }

    /** The map's rows, in order, from the table between the package map markers of docs/development.md. */
    private static Map<String, Row> rows() throws IOException {
        String text = Files.readString(MAP, StandardCharsets.UTF_8);
        int from = text.indexOf("<!-- BEGIN package map");
        int to = text.indexOf("<!-- END package map -->");
        assertThat(from).as("docs/development.md has the package map markers").isNotNegative();
        assertThat(to).isGreaterThan(from);
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : text.substring(from, to).lines().toList()) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            // cells: "", package, what lives there, may use, ""
            assertThat(cells).as("a package map row has three cells: %s", line).hasSizeGreaterThanOrEqualTo(4);
            Set<String> first = backticked(cells[1]);
            assertThat(first).as("the first cell names one package: %s", line).hasSize(1);
            String room = first.iterator().next();
            Set<String> named = new TreeSet<>(first);
            backticked(cells[2]).stream().filter(n -> n.startsWith(room + ".")).forEach(named::add);
            Row previous = rows.put(room, new Row(room, named, backticked(cells[3])));
            assertThat(previous).as("one row per package: %s", room).isNull();
        }
        return rows;
    }

    private static Set<String> backticked(String cell) {
        Set<String> names = new TreeSet<>();
        Matcher m = BACKTICKED.matcher(cell);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static String packageOf(Path file) {
        Path dir = Golden.repo().resolve("src/main/java").relativize(file.getParent());
        return dir.toString().replace(file.getFileSystem().getSeparator(), ".");
    }

    /** The packages of the project a source file uses: imports and qualified names, comments and strings left out. */
    private static Set<String> references(Path file) throws IOException {
        return references(Files.readString(file, StandardCharsets.UTF_8));
    }

    static Set<String> references(String source) {
        String code = codeOnly(source);
        Set<String> used = new TreeSet<>();
        for (String line : code.lines().toList()) {
            if (line.strip().startsWith("package ")) {
                continue;
            }
            Matcher m = REFERENCE.matcher(line);
            while (m.find()) {
                used.add(packagePart(m.group(1).substring(1)));
            }
        }
        return used;
    }

    /** "spec.model.Privilege" → "spec.model": package names are lower case, class names are not. */
    private static String packagePart(String qualified) {
        List<String> parts = new ArrayList<>();
        for (String part : qualified.split("\\.")) {
            if (!Character.isLowerCase(part.charAt(0))) {
                break;
            }
            parts.add(part);
        }
        return String.join(".", parts);
    }

    /** Java source with comments, string, text block and char literals blanked out; line breaks kept. */
    static String codeOnly(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !source.startsWith("\"\"\"", end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && source.charAt(end) != c && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                i = Math.min(n, end + 1);
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
