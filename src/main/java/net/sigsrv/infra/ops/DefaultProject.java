package net.sigsrv.infra.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The project later commands use when none is given, per remote, kept in infra's own config directory as
 * {@code projects} ({@code REMOTE=PROJECT} lines), like the incus CLI's per-remote project. {@code --project}
 * always wins.
 */
public final class DefaultProject {

    private final Path file;

    public DefaultProject(Path configDir) {
        this.file = configDir.resolve("projects");
    }

    public Path file() {
        return file;
    }

    public Optional<String> get(String remote) {
        return Optional.ofNullable(read().get(remote));
    }

    /** The project for {@code remote}: {@code explicit} when given, else the stored one, else {@code default}. */
    public String resolve(String remote, String explicit) {
        return explicit != null ? explicit : get(remote).orElse("default");
    }

    public void set(String remote, String project) throws IOException {
        Map<String, String> all = new TreeMap<>(read());
        all.put(remote, project);
        StringBuilder s = new StringBuilder("# default project per remote, written by `infra project switch`\n");
        all.forEach((r, p) -> s.append(r).append('=').append(p).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
    }

    private Map<String, String> read() {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int eq = line.indexOf('=');
                    if (!line.startsWith("#") && eq > 0) {
                        out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                    }
                }
            }
        } catch (IOException e) {
            throw new Refused("cannot read " + file + ": " + e.getMessage());
        }
        return out;
    }
}
