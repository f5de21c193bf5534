package net.sigsrv.infra.spec.yaml;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.diag.SourcePos;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads a YAML file into one node tree, turning every way a file can be unusable into a diagnostic: missing or
 * unreadable, too large, binary, not UTF-8, not YAML, several documents, empty, nested too deep, or an alias bomb.
 * Never throws for bad input.
 */
public final class YamlFile {

    /** Largest spec accepted. A 10,000-instance lab is about 2 MiB; anything near this limit is a mistake. */
    public static final long MAX_BYTES = 16L * 1024 * 1024;

    /**
     * How deep lists and maps may nest. The deepest spec key is 5 levels down and a free-form value adds a few;
     * the composer's recursion would overflow the stack a few thousand levels down.
     */
    public static final int MAX_DEPTH = 64;

    /** Aliases of collections allowed in one file; plenty for reuse, far too few for a "billion laughs". */
    public static final int MAX_COLLECTION_ALIASES = 50;

    /**
     * The outcome of reading: the node tree (absent when the file could not be read as YAML), the text, and what
     * went wrong.
     */
    public record Read(Optional<Node> root, SourceText source, Diagnostics diagnostics) {
    }

    private YamlFile() {
    }

    public static Read read(Path path, String displayName, boolean withComments) {
        Diagnostics diags = new Diagnostics();
        SourcePos start = SourcePos.startOf(displayName);
        byte[] bytes;
        try {
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                diags.error("file-too-large", start, displayName + " is " + size + " bytes; a spec may be at most "
                        + MAX_BYTES + " bytes (16 MiB)");
                return new Read(Optional.empty(), new SourceText(displayName, ""), diags);
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            diags.error("file-unreadable", start, displayName + ": no such file");
            return new Read(Optional.empty(), new SourceText(displayName, ""), diags);
        } catch (IOException e) {
            diags.error("file-unreadable", start, displayName + ": cannot read: " + e.getMessage());
            return new Read(Optional.empty(), new SourceText(displayName, ""), diags);
        }
        return parse(bytes, displayName, withComments);
    }

    /** Parses bytes already in memory; {@code displayName} is used in every position. */
    public static Read parse(byte[] bytes, String displayName, boolean withComments) {
        Diagnostics diags = new Diagnostics();
        Optional<String> text = decode(bytes, displayName, diags);
        if (text.isEmpty()) {
            // Kept (bad bytes replaced) so the diagnostic can quote the offending line; binary input is not.
            String lossy = diags.sorted().getFirst().rule().equals("file-encoding")
                    ? new String(bytes, StandardCharsets.UTF_8) : "";
            return new Read(Optional.empty(), new SourceText(displayName, lossy), diags);
        }
        SourceText source = new SourceText(displayName, text.get());
        return new Read(compose(source, withComments, diags), source, diags);
    }

    private static Optional<String> decode(byte[] bytes, String name, Diagnostics diags) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                diags.error("file-binary", positionOfByte(bytes, i, name),
                        name + " looks binary (a NUL byte at offset " + i + "); a spec is UTF-8 YAML text");
                return Optional.empty();
            }
        }
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = Math.min(in.position(), bytes.length - 1);
            diags.error("file-encoding", positionOfByte(bytes, offset, name),
                    name + " is not valid UTF-8 (bad byte 0x" + String.format("%02x", bytes[offset] & 0xff)
                            + " at offset " + offset + "); save the file as UTF-8");
            return Optional.empty();
        }
        String text = out.flip().toString();
        return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    private static Optional<Node> compose(SourceText source, boolean withComments, Diagnostics diags) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source.name())
                .setSchema(new FastJsonSchema())
                .setParseComments(withComments)
                .setMaxAliasesForCollections(MAX_COLLECTION_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit((int) MAX_BYTES)
                .build();
        SourcePos start = SourcePos.startOf(source.name());
        try {
            Optional<Diagnostic> unsafe = Aliases.check(source, settings, MAX_COLLECTION_ALIASES,
                    MAX_DEPTH);
            if (unsafe.isPresent()) {
                diags.add(unsafe.get());
                return Optional.empty();
            }
            Iterator<Node> documents = new Composer(settings, new NestingLimit(new ParserImpl(settings,
                    new StreamReader(settings, source.text())), MAX_DEPTH));
            if (!documents.hasNext()) {
                diags.error("file-empty", start, source.name() + (source.text().isBlank() ? " is empty"
                        : " holds only comments") + "; a spec needs at least `lab` and `hosts`");
                return Optional.empty();
            }
            Node root = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                diags.error("yaml-multiple-documents", YamlNodes.pos(second, source.name()),
                        source.name() + " holds more than one YAML document; a spec is one document");
                return Optional.empty();
            }
            return Optional.of(root);
        } catch (NestingLimit.TooDeep e) {
            SourcePos pos = e.mark == null ? start : new SourcePos(source.name(), e.mark.getLine() + 1,
                    e.mark.getColumn() + 1);
            diags.add(Diagnostic.error("yaml-too-deep", pos, "lists and maps nest more than " + MAX_DEPTH
                    + " levels deep here").withDetail("The deepest key of a spec is a"
                    + " few levels down; a value nested this deep is a mistake (or an attack on the parser)."));
            return Optional.empty();
        } catch (MarkedYamlEngineException e) {
            String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
            String context = e.getContext() == null ? "" : e.getContext();
            // At the end of the file, the construct left open (a quote, a bracket) is where the mistake is.
            boolean atEnd = problem.contains("end of stream") || problem.contains("<stream end>");
            Mark mark = (atEnd ? e.getContextMark().or(e::getProblemMark)
                    : e.getProblemMark().or(e::getContextMark)).orElse(null);
            SourcePos pos = mark == null ? start : new SourcePos(source.name(), mark.getLine() + 1,
                    mark.getColumn() + 1);
            diags.add(Diagnostic.error("yaml-syntax", pos, "invalid YAML: " + problem + (context.isEmpty() ? ""
                    : " (" + context + ")")).withDetail(syntaxHint(problem, context)));
            return Optional.empty();
        } catch (YamlEngineException e) {
            String message = String.valueOf(e.getMessage());
            String rule = message.contains("aliases") || message.contains("recursive") ? "yaml-alias-limit"
                    : "yaml-syntax";
            diags.error(rule, start, rule.equals("yaml-alias-limit")
                    ? "too many YAML aliases (at most " + MAX_COLLECTION_ALIASES
                    + " aliases of lists or maps, and none recursive): " + message
                    : "invalid YAML: " + message);
            return Optional.empty();
        }
    }

    /** A plain-words hint for the parser messages users meet most; empty when the message speaks for itself. */
    private static String syntaxHint(String problem, String context) {
        boolean atEnd = problem.contains("end of stream") || problem.contains("<stream end>");
        if (atEnd && context.contains("quoted scalar")) {
            return "The quote opened here is never closed.";
        }
        if (atEnd && context.contains("flow")) {
            return "The bracket opened here is never closed.";
        }
        if (problem.contains("<block") || problem.contains("mapping values are not allowed")) {
            return "Check the indentation: keys of one map start in the same column, and a nested value is"
                    + " indented further than its key.";
        }
        return "";
    }

    private static SourcePos positionOfByte(byte[] bytes, int offset, String name) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
                column = 1;
            } else if ((bytes[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return new SourcePos(name, line, column);
    }
}
