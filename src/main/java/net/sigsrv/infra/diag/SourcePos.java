package net.sigsrv.infra.diag;

import java.util.Comparator;

/**
 * A place in a source file: 1-based line and column. {@code file} is the path as the user gave it, so messages
 * name the file the way the user typed it.
 */
public record SourcePos(String file, int line, int column) implements Comparable<SourcePos> {

    private static final Comparator<SourcePos> ORDER = Comparator.comparing(SourcePos::file)
            .thenComparingInt(SourcePos::line)
            .thenComparingInt(SourcePos::column);

    public SourcePos {
        if (file == null || line < 1 || column < 1) {
            throw new IllegalArgumentException("source position needs a file and a 1-based line:column, got "
                    + file + ":" + line + ":" + column);
        }
    }

    /** The start of a file, for problems that concern the file as a whole. */
    public static SourcePos startOf(String file) {
        return new SourcePos(file, 1, 1);
    }

    @Override
    public int compareTo(SourcePos other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
