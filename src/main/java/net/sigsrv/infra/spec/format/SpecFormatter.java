package net.sigsrv.infra.spec.format;

import java.nio.charset.StandardCharsets;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.spec.schema.SpecSchema;
import net.sigsrv.infra.spec.yaml.YamlFile;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Rewrites a lab spec in canonical form (see {@code infra fmt --help}): keys of known objects in schema order,
 * 2-space indentation, block sequences indented under their key, scalars and flow collections as written, every
 * comment kept next to what it describes, at most one blank line in a row, one final newline.
 *
 * <p>Formatting is idempotent, and a result is only returned after checking it composes to the same data and holds
 * the same comments as the input; a formatter bug surfaces as an {@link IllegalStateException}, never as a changed
 * spec.
 */
public final class SpecFormatter {

    /**
     * The outcome: the formatted text (the input as read when it could not be read as YAML) and the problems that
     * stopped formatting.
     */
    public record Result(String text, Diagnostics diagnostics) {

        public boolean ok() {
            return !diagnostics.hasErrors();
        }
    }

    private SpecFormatter() {
    }

    /** Formats {@code text}; {@code name} is used in diagnostics (a path as the user typed it, or "<stdin>"). */
    public static Result format(String text, String name) {
        return format(YamlFile.parse(text.getBytes(StandardCharsets.UTF_8), name, true));
    }

    /**
     * Formats a spec as {@link YamlFile} read it (with comments). When the read failed, the result carries its
     * diagnostics and the text as read.
     */
    public static Result format(YamlFile.Read read) {
        String name = read.source().name();
        if (read.diagnostics().hasErrors()) {
            return new Result(read.source().text(), read.diagnostics());
        }
        String source = read.source().text().replace("\r\n", "\n").replace('\r', '\n');
        SourceLines lines = new SourceLines(source);
        Tree.Document doc = layout(lines, name);
        if (!CanonicalOrder.apply(doc, SpecSchema.SPEC)) {
            doc = layout(lines, name);
        }
        String formatted = Printer.print(doc);
        Equivalence.difference(source, formatted, settings(name, false)).ifPresent(problem -> {
            throw new IllegalStateException("infra fmt would change " + name + ": " + problem
                    + "; the file was left as it is");
        });
        return new Result(formatted, read.diagnostics());
    }

    /** The document with every comment and blank line attached to its owner, in the input's order. */
    private static Tree.Document layout(SourceLines lines, String name) {
        TreeBuilder.Built built = TreeBuilder.build(lines, settings(name, true));
        CommentPlacer.place(built, lines);
        return built.document();
    }

    private static LoadSettings settings(String name, boolean comments) {
        return LoadSettings.builder()
                .setLabel(name)
                .setParseComments(comments)
                .setMaxAliasesForCollections(YamlFile.MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit((int) YamlFile.MAX_BYTES)
                .build();
    }
}
