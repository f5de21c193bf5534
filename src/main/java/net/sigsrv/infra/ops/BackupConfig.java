package net.sigsrv.infra.ops;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.FailsafeSchema;

/**
 * The configuration an instance backup would give the instance it recreates, read from the tarball before anything
 * is uploaded: {@code backup/index.yaml} (its {@code name} and embedded {@code config}) and every {@code backup.yaml}
 * the daemon may read instead (the instance's and each snapshot's). Every one is read, so a second copy cannot hide
 * behind the first. Scalars are read as text, as the daemon decodes them into its string maps.
 *
 * @param name     the instance name in {@code index.yaml}, empty when it has none
 * @param configs  the instance's own config and each snapshot's, with the profiles each names
 * @param profiles the config of the profiles the backup carries, by name
 */
record BackupConfig(String name, List<Config> configs, Map<String, Map<String, String>> profiles) {

    /** One config in the backup: {@code from} says which ("" for the instance's own, else its snapshot). */
    record Config(String from, List<String> profiles, Map<String, String> config) {
    }

    private static final Pattern FILES = Pattern.compile("backup/index\\.yaml|backup/(container|virtual-machine)"
            + "/backup\\.yaml|backup/(snapshots|virtual-machine-snapshots)/[^/]+/backup\\.yaml");
    private static final int LIMIT = 16 << 20;

    /** Reads {@code file}; refused (nothing uploaded) when it cannot be read or holds no instance backup. */
    static BackupConfig read(Path file) {
        List<TarFiles.Entry> entries;
        try {
            entries = TarFiles.read(file, n -> FILES.matcher(n).matches(), LIMIT);
        } catch (TarFiles.Unreadable e) {
            throw unreadable(file, e.getMessage());
        }
        if (entries.stream().noneMatch(e -> e.name().equals("backup/index.yaml"))) {
            throw unreadable(file, "it has no backup/index.yaml, so it is not an instance backup");
        }
        String name = "";
        List<Config> configs = new ArrayList<>();
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        for (TarFiles.Entry e : entries) {
            if (!e.regular()) {
                throw unreadable(file, e.name() + " is not a regular file");
            }
            Map<?, ?> doc = yaml(file, e);
            if (e.name().equals("backup/index.yaml")) {
                name = text(doc.get("name")).orElse(name);
                doc = map(doc.get("config"));
            }
            Map<?, ?> instance = map(doc.get("container"));
            configs.add(new Config("", strings(instance.get("profiles")), strings(map(instance.get("config")))));
            for (Object s : list(doc.get("snapshots"))) {
                Map<?, ?> snapshot = map(s);
                configs.add(new Config("snapshot " + text(snapshot.get("name")).orElse("?") + " in the backup",
                        strings(snapshot.get("profiles")), strings(map(snapshot.get("config")))));
            }
            for (Object p : list(doc.get("profiles"))) {
                Map<?, ?> profile = map(p);
                profiles.merge(text(profile.get("name")).orElse("?"), strings(map(profile.get("config"))),
                        (a, b) -> {
                            Map<String, String> both = new LinkedHashMap<>(a);
                            both.putAll(b);
                            return both;
                        });
            }
        }
        return new BackupConfig(name, configs, profiles);
    }

    private static Map<?, ?> yaml(Path file, TarFiles.Entry e) {
        LoadSettings settings = LoadSettings.builder().setSchema(new FailsafeSchema()).setAllowDuplicateKeys(false)
                .setCodePointLimit(LIMIT).build();
        try {
            Object doc = new Load(settings).loadFromString(new String(e.data(), StandardCharsets.UTF_8));
            return map(doc);
        } catch (YamlEngineException | ClassCastException x) {
            throw unreadable(file, e.name() + " is not valid YAML");
        }
    }

    private static Refused unreadable(Path file, String why) {
        return new Refused("refused: cannot read the configuration in backup " + file + ": " + why + ". infra reads"
                + " it before upload to check it for privileged settings. Nothing was uploaded.");
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static Optional<String> text(Object o) {
        return o instanceof String s ? Optional.of(s) : Optional.empty();
    }

    private static Map<String, String> strings(Map<?, ?> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof String s ? s : v == null ? "" : v.toString()));
        return out;
    }

    private static List<String> strings(Object o) {
        return list(o).stream().map(String::valueOf).toList();
    }
}
