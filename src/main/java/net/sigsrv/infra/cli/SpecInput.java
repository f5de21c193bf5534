package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;

/**
 * Loads a spec for a command that acts on the lab: errors are printed (stderr, with positions) and end the command
 * with exit 2 before anything is touched; warnings are printed and the command goes on.
 */
final class SpecInput {

    private SpecInput() {
    }

    static Spec load(Path file, PrintWriter err) {
        SpecLoader.Loaded loaded = SpecLoader.load(file, file.toString());
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
