package net.sigsrv.infra.talos.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.spec.model.Patch;
import net.sigsrv.infra.spec.yaml.YamlFile;
import net.sigsrv.infra.spec.yaml.YamlValues;

/**
 * Reads the patches the spec names by file, relative to the spec's directory: one YAML document holding a map.
 * Inline patches are returned as written.
 */
public final class PatchFiles {

    /** A patch's content, or why it has none. Exactly one is non-null. */
    record Read(Map<String, Object> tree, Diagnostic problem) {
    }

    private final Path baseDir;

    /** Patch files are read relative to {@code baseDir} (the directory of the spec file). */
    public PatchFiles(Path baseDir) {
        this.baseDir = baseDir;
    }

    @SuppressWarnings("unchecked")
    Read read(Patch patch) {
        if (patch.inline().isPresent()) {
            return new Read(patch.inline().get(), null);
        }
        Path file = baseDir.resolve(patch.file().orElseThrow());
        if (!Files.isRegularFile(file)) {
            return problem(patch, "patch file " + file + " does not exist", "Patch files are found relative to the"
                    + " spec's directory, " + baseDir + ".");
        }
        YamlFile.Read read;
        try {
            read = YamlFile.parse(Files.readAllBytes(file), file.toString(), false);
        } catch (IOException e) {
            return problem(patch, "patch file " + file + " cannot be read: " + e.getMessage(), "");
        }
        if (read.diagnostics().hasErrors() || read.root().isEmpty()) {
            String why = read.diagnostics().sorted().stream().filter(Diagnostic::isError).findFirst()
                    .map(d -> d.pos() + ": " + d.summary()).orElse("it holds no YAML document");
            return problem(patch, "patch file " + file + " is not a YAML patch: " + why, "");
        }
        Object tree = YamlValues.of(read.root().get());
        if (!(tree instanceof Map<?, ?>)) {
            return problem(patch, "patch file " + file + " holds " + StrategicMerge.kind(tree) + ", not a map",
                    "A patch is a map of the keys it sets, e.g. `machine: {sysctls: {vm.max_map_count: \"262144\"}}`.");
        }
        return new Read((Map<String, Object>) tree, null);
    }

    private static Read problem(Patch patch, String summary, String detail) {
        Diagnostic d = Diagnostic.error("talos-patch", patch.at(), summary);
        return new Read(null, detail.isEmpty() ? d : d.withDetail(detail));
    }
}
