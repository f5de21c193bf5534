package net.sigsrv.infra.talos.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Spec;

/** Specs and node values for the config tests. */
final class Fixtures {

    private Fixtures() {
    }

    static Spec spec(String yaml) {
        SpecLoader.Loaded loaded = SpecLoader.parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "spec.yaml");
        if (!loaded.ok()) {
            throw new AssertionError("fixture spec is not valid: " + loaded.diagnostics().sorted());
        }
        return loaded.spec().orElseThrow();
    }

    static Spec example() {
        SpecLoader.Loaded loaded = SpecLoader.load(Golden.repo().resolve("examples/sigsrv.yaml"), "sigsrv.yaml");
        return loaded.spec().orElseThrow();
    }

    static Cluster cluster(Spec spec, String name) {
        return spec.clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    static List<NodeInput> nodes(Spec spec, Cluster cluster) {
        return NodeDefaults.of(spec, cluster, Map.of());
    }

    static PatchFiles noFiles() {
        return new PatchFiles(Path.of("/nonexistent"));
    }
}
