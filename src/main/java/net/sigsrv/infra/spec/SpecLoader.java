package net.sigsrv.infra.spec;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.diag.Futures;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.schema.SchemaChecker;
import net.sigsrv.infra.spec.schema.SpecSchema;
import net.sigsrv.infra.spec.validate.SpecValidator;
import net.sigsrv.infra.spec.yaml.SourceText;
import net.sigsrv.infra.spec.yaml.YamlFile;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * The spec pipeline's entry point: read → schema check → bind → validate. Every user mistake comes back as a
 * diagnostic; the spec is present whenever the file was structurally sound enough to bind.
 */
public final class SpecLoader {

    /** What loading produced. {@code spec} is empty when the file could not be bound at all. */
    public record Loaded(Optional<Spec> spec, SourceText source, Diagnostics diagnostics) {

        public boolean ok() {
            return spec.isPresent() && !diagnostics.hasErrors();
        }
    }

    private SpecLoader() {
    }

    /** Loads and validates {@code path}; {@code displayName} is how positions name the file. */
    public static Loaded load(Path path, String displayName) {
        return finish(YamlFile.read(path, displayName, false));
    }

    /** Loads and validates a spec held in memory. */
    public static Loaded parse(byte[] bytes, String displayName) {
        return finish(YamlFile.parse(bytes, displayName, false));
    }

    private static Loaded finish(YamlFile.Read read) {
        Diagnostics diags = new Diagnostics().addAll(read.diagnostics());
        if (read.root().isEmpty()) {
            return new Loaded(Optional.empty(), read.source(), diags);
        }
        String file = read.source().name();
        Node root = read.root().get();
        // The binder reads leniently (a value of the wrong shape reads as absent; it never throws for bad input),
        // so it runs on another core while the schema is checked, and what it made is used only if the schema
        // check allows binding.
        FutureTask<Spec> binding = new FutureTask<>(() -> SpecBinder.bind(new Fields(root, file)));
        Thread.ofPlatform().daemon().name("spec-bind").start(binding);
        SchemaChecker.Result schema = SchemaChecker.checkAll(root, SpecSchema.SPEC, file);
        diags.addAll(schema.diagnostics());
        // Unknown keys do not change the meaning of the rest, so the lab rules still run; any other structural
        // error would make them report consequences instead of causes. A misspelled key does change the meaning
        // of its own object, so what the rules find inside that object is left out for the same reason.
        boolean bindable = diags.sorted().stream().filter(Diagnostic::isError)
                .allMatch(d -> d.rule().equals("schema-unknown-key"));
        if (!bindable) {
            return new Loaded(Optional.empty(), read.source(), diags);
        }
        Spec spec = bound(binding);
        for (Diagnostic d : SpecValidator.validate(spec)) {
            if (schema.misspelledIn().stream().noneMatch(span -> span.contains(d.pos()))) {
                diags.add(d);
            }
        }
        return new Loaded(Optional.of(spec), read.source(), diags);
    }

    private static Spec bound(FutureTask<Spec> binding) {
        // a bug in the binder is raised here as it would have been without the other thread
        return Futures.join(binding, "binding the spec");
    }
}
