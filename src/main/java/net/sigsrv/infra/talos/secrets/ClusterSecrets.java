package net.sigsrv.infra.talos.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Spec;

/**
 * The secrets of one cluster of a spec: where they are kept and the two ways they come to be — generated on first
 * use ({@link #loadOrCreate}) or imported from talosctl or the OpenTofu provider ({@link #importFile}). The entry
 * point for the commands and, next, the Talos layer.
 */
public record ClusterSecrets(String cluster, String talosVersion, SecretsStore store) {

    /**
     * The secrets of {@code clusterName} in {@code spec} (loaded from {@code specFile}), kept in {@code directory}
     * or else in {@link SecretsStore#defaultDirectory}.
     *
     * @throws IllegalArgumentException when the spec has no such cluster (the message lists those it has)
     */
    public static ClusterSecrets of(Spec spec, Path specFile, String clusterName, Optional<Path> directory) {
        Cluster c = spec.clusters().stream().filter(x -> x.name().equals(clusterName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("cluster " + clusterName + ": not in " + specFile
                        + (spec.clusters().isEmpty() ? " (it has no clusters)" : " (its clusters: " + String.join(", ",
                                spec.clusters().stream().map(Cluster::name).toList()) + ")")));
        Path dir = directory.orElseGet(() -> SecretsStore.defaultDirectory(specFile, spec.lab()));
        return new ClusterSecrets(c.name(), c.talos(), new SecretsStore(dir));
    }

    public Path path() {
        return store.path(cluster);
    }

    /** The kept bundle, or a new one kept first. */
    public SecretsBundle loadOrCreate(Instant now) {
        return store.loadOrCreate(cluster, talosVersion, new SecretsGenerator(), now);
    }

    /**
     * Imports the secrets in {@code file} (talosctl's {@code secrets.yaml} or the provider's {@code machine_secrets}),
     * every part checked first.
     *
     * @throws SecretsException when the file is not usable (each problem named by field)
     */
    public SecretsStore.Outcome importFile(Path file, boolean force, Instant now) {
        return store.importBundle(cluster, readFile(file, now), force, now);
    }

    /**
     * The bundle in {@code file} (talosctl's {@code secrets.yaml} or the provider's {@code machine_secrets}), every
     * part checked; nothing is kept. What {@code infra talos config --secrets} reads.
     *
     * @throws SecretsException     when the file is not usable (each problem named by field, never by value)
     * @throws UncheckedIOException when it cannot be read
     */
    public static SecretsBundle readFile(Path file, Instant now) {
        String text;
        try {
            if (Files.size(file) > SecretsFile.MAX_BYTES) {
                throw new SecretsException(file + ": larger than " + SecretsFile.MAX_BYTES + " bytes", List.of());
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read it", e);
        }
        return SecretsStore.checked(file.toString(), text, now);
    }
}
