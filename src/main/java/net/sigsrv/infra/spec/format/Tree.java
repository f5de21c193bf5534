package net.sigsrv.infra.spec.format;

import java.util.ArrayList;
import java.util.List;

/**
 * The formatter's model of one YAML document: nodes that remember how their scalars were written, and comment
 * slots on the parts that own them. Mutable on purpose — the builder fills it, the placer attaches comments, the
 * orderer moves entries — and it never leaves this package.
 *
 * <p>Every comment lives in exactly one slot: a {@link Part}'s {@code head} (lines above it) or {@code trailing}
 * (end of its first line), a {@link Collection}'s {@code end} (after its last child), or one of the document's
 * lists. Moving a part moves its comments.
 */
final class Tree {

    private Tree() {
    }

    enum LineKind { COMMENT, BLANK, VERBATIM }

    /**
     * A line that is not content: a comment ({@code text} starts with {@code #}), a blank line, or a line before
     * {@code ---} (a directive or comment) printed as written.
     */
    record Line(LineKind kind, String text) {
        static final Line BLANK = new Line(LineKind.BLANK, "");

        static Line comment(String text) {
            return new Line(LineKind.COMMENT, text);
        }
    }

    sealed interface Node permits Scalar, Alias, Collection {
        /** The anchor this node defines, or null. */
        String anchor();
    }

    /**
     * A scalar as written. Flow-style scalars (plain, quoted) keep their source text in {@code lines}: the first
     * line (with any {@code &anchor}/{@code !tag}) as written, continuation lines without their indentation, and
     * {@code ""} for an empty line inside the scalar. Block scalars ({@code |}, {@code >}) keep their header and
     * their content lines relative to the content indentation.
     */
    static final class Scalar implements Node {
        final String value;
        final String anchor;
        final List<String> lines;
        final String blockHeader;
        final int indentIndicator;
        final boolean keep;
        final List<String> body;

        private Scalar(String value, String anchor, List<String> lines, String blockHeader, int indentIndicator,
                       boolean keep, List<String> body) {
            this.value = value;
            this.anchor = anchor;
            this.lines = List.copyOf(lines);
            this.blockHeader = blockHeader;
            this.indentIndicator = indentIndicator;
            this.keep = keep;
            this.body = List.copyOf(body);
        }

        static Scalar flow(String value, String anchor, List<String> lines) {
            return new Scalar(value, anchor, lines, null, 0, false, List.of());
        }

        static Scalar block(String value, String anchor, String header, int indentIndicator, boolean keep,
                            List<String> body) {
            return new Scalar(value, anchor, List.of(), header, indentIndicator, keep, body);
        }

        boolean isBlock() {
            return blockHeader != null;
        }

        /** A scalar with no text at all ({@code key:} with nothing after it). */
        boolean isEmpty() {
            return !isBlock() && lines.size() == 1 && lines.get(0).isEmpty();
        }

        boolean isSingleLine() {
            return !isBlock() && lines.size() == 1;
        }

        @Override
        public String anchor() {
            return anchor;
        }
    }

    record Alias(String name) implements Node {
        @Override
        public String anchor() {
            return null;
        }
    }

    /**
     * A sequence or mapping. {@code inline} collections were written in flow style and are printed on one line;
     * they hold no comments. {@code childColumn} is the source column of the first child (dash or key), which
     * decides whether an indented comment after the collection closes it.
     */
    abstract static sealed class Collection implements Node permits Sequence, Mapping {
        String anchor;
        String props = "";
        boolean inline;
        int childColumn = Integer.MAX_VALUE;
        final List<Line> end = new ArrayList<>();

        @Override
        public String anchor() {
            return anchor;
        }
    }

    static final class Sequence extends Collection {
        final List<Item> items = new ArrayList<>();
    }

    static final class Mapping extends Collection {
        final List<Entry> entries = new ArrayList<>();
    }

    /** What comments attach to: a mapping entry or a sequence item. */
    abstract static sealed class Part permits Entry, Item {
        final List<Line> head = new ArrayList<>();
        /** The comment at the end of the part's first line ({@code # ...}), or null. */
        String trailing;
        Node value;
    }

    static final class Entry extends Part {
        Node key;

        /** The key's text as a schema lookup would see it, or null for a key that is not a scalar. */
        String keyText() {
            return key instanceof Scalar s ? s.value : null;
        }
    }

    static final class Item extends Part {
    }

    /** A document and the lines around its root node. */
    static final class Document {
        final List<Line> preamble = new ArrayList<>();
        boolean explicitStart;
        String startComment;
        final List<Line> head = new ArrayList<>();
        Node root;
        final List<Line> foot = new ArrayList<>();
        boolean explicitEnd;
        String endComment;
        final List<Line> afterEnd = new ArrayList<>();
    }
}
