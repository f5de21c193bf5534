package net.sigsrv.infra.incus.remote;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.transport.Pem;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * One configuration directory in the incus/lxc CLI layout: {@code config.yml} with {@code remotes: {NAME: {addr,
 * protocol, public}}} and {@code default-remote}, the client key pair {@code client.crt}/{@code client.key}, and
 * pinned server certificates {@code servercerts/NAME.crt}. infra's own directory uses the same layout, so a
 * remote added by {@code infra remote add} also works with the incus CLI and the other way round.
 */
public final class CliConfig {

    private final Path dir;

    public CliConfig(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path clientCert() {
        return dir.resolve("client.crt");
    }

    public Path clientKey() {
        return dir.resolve("client.key");
    }

    /** {@code servercerts/REMOTE.crt}; {@code remote} must be a {@link RemoteName plain name}. */
    public Path serverCert(String remote) {
        return dir.resolve("servercerts").resolve(RemoteName.check(remote) + ".crt");
    }

    public boolean exists() {
        return Files.isRegularFile(dir.resolve("config.yml"));
    }

    /**
     * The remotes defined here; unix remotes map to the socket, HTTPS ones to the pinned certificate if any. A name
     * that is not a {@link RemoteName plain name} is an error naming this file: it would name files outside
     * {@code servercerts/}.
     */
    public List<Remote> remotes() throws IOException {
        Map<String, Object> config = read();
        Object remotes = config.get("remotes");
        List<Remote> out = new ArrayList<>();
        if (!(remotes instanceof Map<?, ?> map)) {
            return out;
        }
        for (var e : map.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> r) || !(r.get("addr") instanceof String addr)) {
                continue;
            }
            String name = String.valueOf(e.getKey());
            Object protocol = r.get("protocol");
            if (protocol != null && !"incus".equals(protocol) && !"lxd".equals(protocol)) {
                continue; // simplestreams image servers are not daemons
            }
            try {
                RemoteName.check(name);
            } catch (IllegalArgumentException bad) {
                throw new IOException(dir.resolve("config.yml") + ": " + bad.getMessage() + "; rename it there");
            }
            endpoint(name, addr).ifPresent(ep -> out.add(new Remote(name, ep, dir.resolve("config.yml")
                    .toString())));
        }
        return out;
    }

    public Optional<String> defaultRemote() throws IOException {
        return Optional.ofNullable(read().get("default-remote")).map(String::valueOf);
    }

    private Optional<Endpoint> endpoint(String name, String addr) throws IOException {
        if (addr.startsWith("unix://")) {
            String path = addr.substring("unix://".length());
            return path.isEmpty() ? Optional.empty() : Optional.of(new Endpoint.Unix(Path.of(path)));
        }
        if (!addr.startsWith("https://")) {
            return Optional.empty();
        }
        Path pinned = serverCert(name);
        return Optional.of(new Endpoint.Https(URI.create(addr),
                Files.exists(clientCert()) ? Optional.of(clientCert()) : Optional.empty(),
                Files.exists(clientKey()) ? Optional.of(clientKey()) : Optional.empty(),
                Files.exists(pinned) ? Pem.certificates(pinned) : List.of()));
    }

    /** Adds or replaces a remote in {@code config.yml}, keeping the other entries. */
    public void putRemote(String name, String addr, String protocol) throws IOException {
        RemoteName.check(name);
        Map<String, Object> config = new LinkedHashMap<>(read());
        Map<String, Object> remotes = new LinkedHashMap<>();
        if (config.get("remotes") instanceof Map<?, ?> existing) {
            existing.forEach((k, v) -> remotes.put(String.valueOf(k), v));
        }
        remotes.put(name, Map.of("addr", addr, "protocol", protocol, "public", false));
        config.put("remotes", remotes);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yml"), render(config), StandardCharsets.UTF_8);
    }

    private Map<String, Object> read() throws IOException {
        Path file = dir.resolve("config.yml");
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Object doc = new Load(LoadSettings.builder().setLabel(file.toString()).build())
                .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Object> out = new LinkedHashMap<>();
        if (doc instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }

    private static String render(Map<String, Object> config) {
        var settings = DumpSettings.builder()
                .setDefaultFlowStyle(FlowStyle.BLOCK).build();
        return new Dump(settings).dumpToString(config);
    }
}
