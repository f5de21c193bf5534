package net.sigsrv.infra.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.spec.format.SpecFormatter;
import net.sigsrv.infra.spec.yaml.SourceText;
import net.sigsrv.infra.spec.yaml.YamlFile;

/**
 * One spec as {@code infra fmt} handles it: read (through {@link YamlFile}, so a missing, binary or non-UTF-8 file
 * is a diagnostic), formatted in memory, and written back only when the text changed.
 *
 * @param name      the path as the user typed it, or {@code <stdin>}
 * @param source    the decoded text as read
 * @param formatted the canonical text; equal to the source's text when the file could not be formatted
 */
record FmtFile(String name, SourceText source, String formatted, Diagnostics diagnostics) {

    static final String STDIN = "<stdin>";

    static FmtFile read(Path path) {
        return of(YamlFile.read(path, path.toString(), true));
    }

    static FmtFile parse(byte[] bytes, String name) {
        return of(YamlFile.parse(bytes, name, true));
    }

    private static FmtFile of(YamlFile.Read read) {
        SpecFormatter.Result result = SpecFormatter.format(read);
        return new FmtFile(read.source().name(), read.source(), result.text(), result.diagnostics());
    }

    /** Whether the file could not be read as YAML (its diagnostics say why); such a file is never written. */
    boolean unusable() {
        return diagnostics.hasErrors();
    }

    boolean changed() {
        return !unusable() && !formatted.equals(source.text());
    }

    String diff() {
        return UnifiedDiff.render(name, name + " (formatted)", source.text(), formatted);
    }

    /**
     * Replaces the file with its formatted text: written to a temporary file next to it (same permissions), then
     * moved over it atomically where the file system allows, so a reader sees either the old or the new spec. A
     * symbolic link is followed: the file it points to is replaced, the link stays.
     */
    void write(Path path) {
        Path tmp = null;
        try {
            Path target = path.toRealPath();
            tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".",
                    ".fmt");
            Files.writeString(tmp, formatted, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the temporary file keeps the directory's defaults.
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw InfraException.invalidInput("cannot write " + name + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // Best effort: the temporary file is hidden and named after the spec.
                }
            }
        }
    }
}
