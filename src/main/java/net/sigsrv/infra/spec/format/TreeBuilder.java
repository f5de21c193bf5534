package net.sigsrv.infra.spec.format;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import net.sigsrv.infra.spec.format.Tree.Collection;
import net.sigsrv.infra.spec.format.Tree.Part;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.DocumentEndEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.events.StreamEndEvent;

/**
 * Builds a {@link Tree} from SnakeYAML Engine's parser events (not its composer: events keep alias positions and
 * every comment's exact place). Alongside the tree it records the positions the comment placer needs: one
 * {@link Token} per key, scalar value, alias, one-line flow collection, dash and set of node properties, in
 * source order, and which source lines hold content.
 */
final class TreeBuilder {

    /**
     * Content the placer orients by. {@code owner} is the part the content belongs to (null for the root node);
     * {@code startsOwner} is true for the first token of its owner (the dash or the key); {@code chain} lists the
     * block collections that contain the token, outermost first.
     */
    record Token(int start, int end, int startLine, int endLine, int column, Part owner, boolean startsOwner,
                 List<Collection> chain) {
    }

    /** A comment as the parser saw it: {@code inline} when it follows content on its line. */
    record Comment(int index, int line, int column, boolean inline, String text) {
    }

    /**
     * The tree without comments yet, and what placing them needs. {@code startLine} / {@code endLine} are the
     * lines of an explicit {@code ---} / {@code ...}, or -1; {@code preambleLines} are the directive and comment
     * lines before {@code ---}, taken verbatim (the parser does not report comments there).
     */
    record Built(Tree.Document document, List<Token> tokens, List<Comment> comments, BitSet contentLines,
                 List<Integer> preambleLines, int startLine, int endLine) {
    }

    private final SourceLines src;
    private final List<Event> events;
    private final Set<Event> inline;
    private final List<Token> tokens = new ArrayList<>();
    private final BitSet contentLines = new BitSet();
    private int next;
    private int cursor;
    private Part pendingStart;
    private int lastEnd;

    private TreeBuilder(SourceLines src, List<Event> events, Set<Event> inline) {
        this.src = src;
        this.events = events;
        this.inline = inline;
    }

    static Built build(SourceLines src, LoadSettings settings) {
        List<Event> all = new ArrayList<>();
        new Parse(settings).parseString(src.text()).forEach(all::add);
        TreeBuilder b = new TreeBuilder(src, all.stream().filter(e -> !(e instanceof CommentEvent)).toList(),
                OneLineFlow.collections(src, all));
        List<Comment> comments = all.stream()
                .filter(e -> e instanceof CommentEvent c && c.getCommentType() != CommentType.BLANK_LINE)
                .map(e -> b.comment((CommentEvent) e))
                .toList();
        Tree.Document doc = new Tree.Document();
        int startLine = -1;
        int endLine = -1;
        for (Event e = b.nextEvent(); !(e instanceof StreamEndEvent); e = b.nextEvent()) {
            if (e instanceof DocumentStartEvent ds) {
                if (ds.isExplicit()) {
                    doc.explicitStart = true;
                    startLine = src.lineOf(b.end(ds) - 1);
                    b.contentLines.set(startLine);
                }
                b.cursor = b.end(ds);
                doc.root = b.node(b.nextEvent(), null, List.of(), 0);
            } else if (e instanceof DocumentEndEvent de && de.isExplicit()) {
                doc.explicitEnd = true;
                endLine = src.lineOf(b.start(de));
                b.contentLines.set(endLine);
            }
        }
        List<Integer> preamble = new ArrayList<>();
        for (int line = 0; line < startLine; line++) {
            if (!src.line(line).isBlank()) {
                preamble.add(line);
            }
        }
        int firstLine = startLine;
        return new Built(doc, List.copyOf(b.tokens), comments.stream().filter(c -> c.line() >= firstLine).toList(),
                b.contentLines, preamble, startLine, endLine);
    }

    private Tree.Node node(Event e, Part owner, List<Collection> chain, int parentColumn) {
        if (e instanceof ScalarEvent s) {
            return scalar(s, owner, chain, parentColumn);
        }
        if (e instanceof AliasEvent a) {
            token(start(a), end(a), owner, chain);
            return new Tree.Alias(a.getAlias().getValue());
        }
        if (e instanceof CollectionStartEvent c && inline.contains(c)) {
            Tree.Node n = inlineNode(c);
            token(start(c), lastEnd, owner, chain);
            return n;
        }
        if (e instanceof SequenceStartEvent s) {
            return sequence(s, owner, chain);
        }
        if (e instanceof MappingStartEvent m) {
            return mapping(m, owner, chain);
        }
        throw new IllegalStateException("unexpected YAML event " + e);
    }

    private Tree.Sequence sequence(SequenceStartEvent e, Part owner, List<Collection> chain) {
        Tree.Sequence seq = new Tree.Sequence();
        properties(seq, e, owner, chain);
        List<Collection> inner = Stream.concat(chain.stream(), Stream.of((Collection) seq)).toList();
        Event child;
        while (!((child = nextEvent()) instanceof CollectionEndEvent)) {
            Tree.Item item = new Tree.Item();
            int first = tokens.size();
            int dash = e.isFlow() ? -1 : findDash(seq.items.isEmpty() ? Math.max(cursor, start(e)) : cursor);
            pendingStart = item;
            if (dash >= 0) {
                token(dash, dash + 1, item, inner);
            }
            item.value = node(child, item, inner, dash >= 0 ? src.columnOf(dash) : src.columnOf(start(child)));
            if (seq.items.isEmpty() && tokens.size() > first) {
                seq.childColumn = tokens.get(first).column();
            }
            seq.items.add(item);
        }
        if (e.isFlow()) {
            cursor = Math.max(cursor, end(child));
        }
        return seq;
    }

    private Tree.Mapping mapping(MappingStartEvent e, Part owner, List<Collection> chain) {
        Tree.Mapping map = new Tree.Mapping();
        properties(map, e, owner, chain);
        List<Collection> inner = Stream.concat(chain.stream(), Stream.of((Collection) map)).toList();
        Event key;
        while (!((key = nextEvent()) instanceof CollectionEndEvent)) {
            Tree.Entry entry = new Tree.Entry();
            int first = tokens.size();
            pendingStart = entry;
            entry.key = node(key, entry, inner, src.columnOf(start(key)));
            entry.value = node(nextEvent(), entry, inner, src.columnOf(start(key)));
            if (map.entries.isEmpty() && tokens.size() > first) {
                map.childColumn = tokens.get(first).column();
            }
            map.entries.add(entry);
        }
        if (e.isFlow()) {
            cursor = Math.max(cursor, end(key));
        }
        return map;
    }

    /** A flow collection printed on one line: no tokens inside, the caller adds one for the whole span. */
    private Tree.Node inlineNode(Event e) {
        if (e instanceof ScalarEvent s) {
            lastEnd = end(s);
            return Tree.Scalar.flow(s.getValue(), anchor(s), List.of(src.slice(start(s), end(s)).strip()));
        }
        if (e instanceof AliasEvent a) {
            lastEnd = end(a);
            return new Tree.Alias(a.getAlias().getValue());
        }
        CollectionStartEvent c = (CollectionStartEvent) e;
        Collection coll = c instanceof SequenceStartEvent ? new Tree.Sequence() : new Tree.Mapping();
        coll.inline = true;
        coll.anchor = anchor(c);
        coll.props = hasProperties(c) ? propertiesText(start(c)) : "";
        Event child;
        while (!((child = nextEvent()) instanceof CollectionEndEvent)) {
            if (coll instanceof Tree.Sequence seq) {
                Tree.Item item = new Tree.Item();
                item.value = inlineNode(child);
                seq.items.add(item);
            } else {
                Tree.Entry entry = new Tree.Entry();
                entry.key = inlineNode(child);
                entry.value = inlineNode(nextEvent());
                ((Tree.Mapping) coll).entries.add(entry);
            }
        }
        lastEnd = end(child);
        return coll;
    }

    private Tree.Scalar scalar(ScalarEvent e, Part owner, List<Collection> chain, int parentColumn) {
        int s = start(e);
        int t = end(e);
        if (e.getScalarStyle() == ScalarStyle.LITERAL || e.getScalarStyle() == ScalarStyle.FOLDED) {
            return blockScalar(e, s, t, owner, chain, parentColumn);
        }
        String raw = src.slice(s, t);
        token(s, t, owner, chain);
        return Tree.Scalar.flow(e.getValue(), anchor(e), raw.isBlank() ? List.of("")
                : ScalarLines.reflow(raw, e.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED));
    }

    private Tree.Scalar blockScalar(ScalarEvent e, int s, int t, Part owner, List<Collection> chain,
                                    int parentColumn) {
        int headerLine = src.lineOf(s);
        int lastLine = src.lineOf(t);
        if (t == src.lineStart(lastLine) && lastLine > headerLine) {
            lastLine--;
        }
        List<String> raw = new ArrayList<>();
        for (int line = headerLine + 1; line <= lastLine; line++) {
            raw.add(src.line(line));
        }
        ScalarLines.Block block = ScalarLines.block(src.slice(s, src.lineEnd(headerLine)), raw,
                Math.max(parentColumn, 0));
        token(s, s + block.header().codePointCount(0, block.header().length()), owner, chain);
        contentLines.set(headerLine, headerLine + 1 + block.sourceLines());
        cursor = Math.max(cursor, t);
        return Tree.Scalar.block(e.getValue(), anchor(e), block.header(), block.indentIndicator(), block.keep(),
                block.body());
    }

    private void properties(Collection coll, CollectionStartEvent e, Part owner, List<Collection> chain) {
        coll.anchor = anchor(e);
        if (hasProperties(e)) {
            int s = start(e);
            coll.props = propertiesText(s);
            token(s, s + coll.props.codePointCount(0, coll.props.length()), owner, chain);
        }
    }

    private static boolean hasProperties(CollectionStartEvent e) {
        return e.getAnchor().isPresent() || (e.getTag().isPresent() && !e.isImplicit());
    }

    /** The {@code &anchor} and {@code !tag} written at {@code index}, as written (one line). */
    private String propertiesText(int index) {
        int i = index;
        int endOfProps = index;
        while (src.at(i) == '&' || src.at(i) == '!') {
            while (src.at(i) > ' ' && "[]{},".indexOf(src.at(i)) < 0) {
                i++;
            }
            endOfProps = i;
            while (src.at(i) == ' ' || src.at(i) == '\t') {
                i++;
            }
        }
        return src.slice(index, endOfProps);
    }

    /** The dash of the next block sequence item: skips spaces, line breaks and comments; -1 if not found. */
    private int findDash(int from) {
        for (int i = from; i < src.length(); i++) {
            int c = src.at(i);
            if (c == '#') {
                while (i < src.length() && src.at(i) != '\n') {
                    i++;
                }
            } else if (c == '-') {
                return i;
            } else if (c != ' ' && c != '\t' && c != '\n') {
                return -1;
            }
        }
        return -1;
    }

    private void token(int start, int end, Part owner, List<Collection> chain) {
        boolean starts = owner != null && owner == pendingStart;
        pendingStart = null;
        int startLine = src.lineOf(start);
        int endLine = src.lineOf(Math.max(start, end - 1));
        tokens.add(new Token(start, end, startLine, endLine, src.columnOf(start), owner, starts, chain));
        contentLines.set(startLine, endLine + 1);
        cursor = Math.max(cursor, end);
    }

    private Comment comment(CommentEvent e) {
        int index = start(e);
        int line = src.lineOf(index);
        boolean afterContent = !src.slice(src.lineStart(line), index).isBlank();
        return new Comment(index, line, src.columnOf(index), afterContent, ("#" + e.getValue()).stripTrailing());
    }

    private static String anchor(NodeEvent e) {
        return e.getAnchor().map(Anchor::getValue).orElse(null);
    }

    private Event nextEvent() {
        return events.get(next++);
    }

    private int start(Event e) {
        return e.getStartMark().orElseThrow().getIndex();
    }

    private int end(Event e) {
        return e.getEndMark().orElseThrow().getIndex();
    }
}
