package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the {@code incus} package spells REST API paths: every other main class reaches the daemon through the
 * typed clients ({@link Instances}, {@link Networks}, {@link Storage}, {@link Projects}, {@link Cluster}, the
 * {@link ApiObject} handles they make, {@link UsedBy}). A path built from a literal anywhere else fails here, with
 * the file and line. Comments do not count; {@code sim} is exempt, being the other end of the wire (it serves the
 * paths, it sends none).
 */
class ApiPathsOnlyInIncusTest {

    private static final Path MAIN = Path.of("src/main/java/net/sigsrv/infra");

    /** What building a path from a literal looks like in code. */
    private static final List<String> FORBIDDEN = List.of("ApiPath.of(", "new ApiPath(", "ApiPath.parse(",
            "\"/1.0");

    /** Packages that may spell paths: the client that owns them, and the simulator that serves them. */
    private static final List<String> EXEMPT = List.of("incus/", "sim/");

    /**
     * Files that may still spell a path, each with why. An entry that no longer matches anything fails the test,
     * so that it is removed when its file is fixed.
     */
    private static final Map<String, String> ALLOWED = Map.of(
            // the simulator's own control API (/sim/v1: faults, time), which the Incus client does not speak
            "cli/SimCommand.java", "the simulator's control API, not the Incus API",
            // a curl command printed for the user to paste; not a request this program sends
            "cli/SimServeCommand.java", "a printed example command, not a request");

    @Test
    void noMainClassOutsideIncusBuildsAnApiPath() {
        Map<String, List<String>> found = scan(MAIN);
        Map<String, List<String>> unexpected = new TreeMap<>(found);
        ALLOWED.keySet().forEach(unexpected::remove);
        assertThat(unexpected).as("raw API paths outside net.sigsrv.infra.incus: add a typed method to the incus"
                + " client (Instances, Networks, Storage, Projects, Cluster) and call that instead").isEmpty();
        assertThat(ALLOWED.keySet()).as("allow-list entries that match nothing any more: remove them")
                .allSatisfy(file -> assertThat(found).containsKey(file));
    }

    @Test
    void findsLiteralsInCodeButNotInCommentsOrExemptPackages(@TempDir Path root) throws IOException {
        write(root.resolve("apply/Raw.java"), """
                /** Reads {@code "/1.0/instances"} — a comment, not a call. */
                class Raw {
                    // ApiPath.of("/1.0/networks") in a line comment
                    String url = "https://host/*not a comment*/";
                    Object p = ApiPath.of("/1.0/instances", name);
                    boolean b = u.startsWith("/1.0/profiles/");
                }
                """);
        write(root.resolve("incus/Client.java"), "class Client { Object p = ApiPath.of(\"/1.0\"); }\n");
        write(root.resolve("sim/Server.java"), "class Server { String u = \"/1.0/instances/\" + n; }\n");

        assertThat(scan(root)).containsOnlyKeys("apply/Raw.java");
        assertThat(scan(root).get("apply/Raw.java")).containsExactly(
                "5: Object p = ApiPath.of(\"/1.0/instances\", name);",
                "6: boolean b = u.startsWith(\"/1.0/profiles/\");");
    }

    /** Each file (relative to {@code root}, '/'-separated) with its offending lines, "N: code". */
    private static Map<String, List<String>> scan(Path root) {
        Map<String, List<String>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                String rel = root.relativize(f).toString().replace('\\', '/');
                if (EXEMPT.stream().anyMatch(rel::startsWith)) {
                    return;
                }
                String[] lines = withoutComments(read(f)).split("\n", -1);
                List<String> hits = new ArrayList<>();
                for (int i = 0; i < lines.length; i++) {
                    String line = lines[i];
                    if (FORBIDDEN.stream().anyMatch(line::contains)) {
                        hits.add((i + 1) + ": " + line.strip());
                    }
                }
                if (!hits.isEmpty()) {
                    found.put(rel, hits);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /**
     * The source with every comment blanked (line breaks kept, so line numbers hold); string and character
     * literals, text blocks included, are kept as they are.
     */
    static String withoutComments(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (src.startsWith("//", i)) {
                while (i < src.length() && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? src.length() : end + 2;
                src.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                end = end < 0 ? src.length() : end + 3;
                out.append(src, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < src.length() && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, src.length());
                out.append(src, i, j);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path f, String text) throws IOException {
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }
}
