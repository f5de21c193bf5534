package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import net.sigsrv.infra.plan.PlanFile;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.yaml.YamlFile;

/**
 * Loads a spec for a command that acts on the lab: errors are printed (stderr, with positions) and end the command
 * with exit 2 before anything is touched; warnings are printed and the command goes on.
 */
final class SpecInput {

    /** A spec with the file it came from, as a saved plan records it: absolute path and SHA-256 of its bytes. */
    record Digested(Spec spec, PlanFile.SpecRef ref) {
    }

    private SpecInput() {
    }

    static Spec load(Path file, PrintWriter err) {
        return checked(file, SpecLoader.load(file, file.toString()), err);
    }

    /**
     * Loads the spec from the bytes the digest is taken of, so the plan and the digest are of the same content even
     * when the file changes meanwhile. A file that cannot be read is reported as {@link #load} reports it.
     */
    static Digested loadDigested(Path file, PrintWriter err) {
        byte[] bytes;
        try {
            if (Files.size(file) > YamlFile.MAX_BYTES) {
                load(file, err); // refuses it, with the loader's own words
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            load(file, err); // reports why, with the loader's own words
            throw InfraException.invalidInput(file + ": cannot read it: " + e.getMessage());
        }
        return parse(file, bytes, err);
    }

    /** Loads a spec held in memory, {@code file} naming it in positions. */
    static Digested parse(Path file, byte[] bytes, PrintWriter err) {
        Spec spec = checked(file, SpecLoader.parse(bytes, file.toString()), err);
        return new Digested(spec, new PlanFile.SpecRef(file.toAbsolutePath().normalize().toString(), sha256(bytes)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Spec checked(Path file, SpecLoader.Loaded loaded, PrintWriter err) {
        if (!loaded.diagnostics().isEmpty()) {
            DiagnosticText.print(err, loaded.diagnostics(), loaded.source(), false);
        }
        if (!loaded.ok()) {
            throw InfraException.invalidInput(file + ": " + DiagnosticText.counts(loaded.diagnostics())
                    + "; nothing was touched ('infra validate " + file + "' shows the same)");
        }
        return loaded.spec().orElseThrow();
    }
}
