package net.sigsrv.infra.incus.remote;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.Json;
import net.sigsrv.infra.incus.transport.Pem;

/**
 * Every remote infra can name, resolved in this order: infra's own config directory
 * ({@code ~/.config/sigsrv-infra}), the incus CLI's ({@code ~/.config/incus}), the lxc CLI's
 * ({@code ~/.config/lxc}, {@code ~/snap/lxd/common/config}), then the built-ins {@code lab} (the test lab, from
 * {@code lab.json}) and {@code local} (the first unix socket found: {@code INCUS_SOCKET}, {@code LXD_DIR},
 * {@code /var/lib/incus/unix.socket}, {@code /var/lib/lxd/unix.socket}). The first definition of a name wins.
 */
public final class Remotes {

    /**
     * Where {@code lab/up} describes lab 0; lab N ({@code INFRA_LAB=N}, see lab/lib.sh) lives under
     * {@code /var/lib/infra-labN}; {@code INFRA_LAB_JSON} overrides both.
     */
    public static final Path LAB_JSON = Path.of("/var/lib/infra-lab/state/lab.json");

    private final Map<String, String> env;
    private final Path home;

    public Remotes(Map<String, String> env, Path home) {
        this.env = Map.copyOf(env);
        this.home = home;
    }

    public static Remotes fromEnvironment() {
        return new Remotes(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** infra's own config directory (where {@code remote add} writes). */
    public CliConfig own() {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home.resolve(".config");
        return new CliConfig(base.resolve("sigsrv-infra"));
    }

    private List<CliConfig> configs() {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : home.resolve(".config");
        List<CliConfig> out = new ArrayList<>();
        out.add(own());
        if (env.containsKey("INCUS_CONF")) {
            out.add(new CliConfig(Path.of(env.get("INCUS_CONF"))));
        }
        out.add(new CliConfig(base.resolve("incus")));
        if (env.containsKey("LXD_CONF")) {
            out.add(new CliConfig(Path.of(env.get("LXD_CONF"))));
        }
        out.add(new CliConfig(base.resolve("lxc")));
        out.add(new CliConfig(home.resolve("snap/lxd/common/config")));
        return out;
    }

    /** All remotes by name, first definition winning. */
    public Map<String, Remote> all() throws IOException {
        Map<String, Remote> out = new LinkedHashMap<>();
        for (CliConfig c : configs()) {
            for (Remote r : c.remotes()) {
                out.putIfAbsent(r.name(), r);
            }
        }
        lab().ifPresent(r -> out.putIfAbsent(r.name(), r));
        local().ifPresent(r -> out.putIfAbsent(r.name(), r));
        return out;
    }

    /** The remote named {@code name}, or empty. */
    public Optional<Remote> find(String name) throws IOException {
        return Optional.ofNullable(all().get(name));
    }

    /** The built-in {@code local}: the first daemon socket that exists. */
    public Optional<Remote> local() {
        List<Path> candidates = new ArrayList<>();
        if (env.get("INCUS_SOCKET") != null) {
            candidates.add(Path.of(env.get("INCUS_SOCKET")));
        }
        if (env.get("LXD_DIR") != null) {
            candidates.add(Path.of(env.get("LXD_DIR"), "unix.socket"));
        }
        candidates.add(Path.of("/var/lib/incus/unix.socket"));
        candidates.add(Path.of("/var/lib/lxd/unix.socket"));
        return candidates.stream().filter(Files::exists).findFirst()
                .map(p -> new Remote("local", new Endpoint.Unix(p), "built-in (" + p + ")"));
    }

    private Path labJson() {
        if (env.get("INFRA_LAB_JSON") != null) {
            return Path.of(env.get("INFRA_LAB_JSON"));
        }
        String id = env.getOrDefault("INFRA_LAB", "0");
        return id.matches("[1-9]") ? Path.of("/var/lib/infra-lab" + id + "/state/lab.json") : LAB_JSON;
    }

    /**
     * The built-in {@code lab}: HTTPS to the lab's first member with the lab's client certificate and the
     * cluster certificate pinned, as {@code lab/up} recorded them.
     */
    public Optional<Remote> lab() throws IOException {
        Path file = labJson();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        // the client's own mapper: a second one would build its caches anew, on the path of every command
        JsonNode lab = Json.MAPPER.readTree(file.toFile());
        JsonNode first = lab.path("members").path(0);
        if (first.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(new Remote("lab", new Endpoint.Https(URI.create(first.path("url").asText()),
                Optional.of(Path.of(lab.at("/client/certificate").asText())),
                Optional.of(Path.of(lab.at("/client/key").asText())),
                Pem.certificates(Path.of(lab.at("/cluster/certificate").asText()))), file.toString()));
    }
}
