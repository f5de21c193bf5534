package net.sigsrv.infra.spec.format;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import net.sigsrv.infra.spec.format.Tree.Collection;
import net.sigsrv.infra.spec.format.Tree.Line;
import net.sigsrv.infra.spec.format.TreeBuilder.Built;
import net.sigsrv.infra.spec.format.TreeBuilder.Comment;
import net.sigsrv.infra.spec.format.TreeBuilder.Token;

/**
 * Gives every comment and blank line an owner, by position alone, so it can move with that owner:
 *
 * <ul>
 *   <li>a comment after content on the same line trails the part that content belongs to;</li>
 *   <li>a full-line comment belongs above the next key or item — unless it is indented deeper than that next
 *       key and at least as deep as the children of a block that ends before it; then it closes that block (the
 *       deepest such);</li>
 *   <li>comments before the first content are the document's head, after the last its foot;</li>
 *   <li>a blank line goes with the comment that follows it in the same gap, or else with the next key or item
 *       (the printer keeps one where there were several).</li>
 * </ul>
 *
 * Nothing is ever dropped except blank lines at the very end of the document.
 */
final class CommentPlacer {

    private record Placed(int line, List<Line> slot, Line what) {
    }

    private final Built built;
    private final SourceLines src;
    private final Tree.Document doc;
    private final List<Token> tokens;
    private final TreeMap<Integer, List<Line>> commentSlots = new TreeMap<>();

    private CommentPlacer(Built built, SourceLines src) {
        this.built = built;
        this.src = src;
        this.doc = built.document();
        this.tokens = built.tokens();
    }

    static void place(Built built, SourceLines src) {
        new CommentPlacer(built, src).run();
    }

    private void run() {
        List<Placed> placed = new ArrayList<>();
        for (int line : built.preambleLines()) {
            placed.add(new Placed(line, doc.preamble, new Line(Tree.LineKind.VERBATIM, src.line(line).strip())));
        }
        for (Comment c : built.comments()) {
            if (c.inline() && trail(c)) {
                continue;
            }
            List<Line> slot = slotForFullLine(c.index(), c.line(), c.column());
            placed.add(new Placed(c.line(), slot, Line.comment(c.text())));
            commentSlots.putIfAbsent(c.line(), slot);
        }
        for (int line = 0; line < src.lineCount(); line++) {
            if (!built.contentLines().get(line) && !commentSlots.containsKey(line) && src.line(line).isBlank()) {
                List<Line> slot = slotForBlank(line);
                if (slot != null) {
                    placed.add(new Placed(line, slot, Line.BLANK));
                }
            }
        }
        placed.sort(Comparator.comparingInt(Placed::line));
        placed.forEach(p -> p.slot().add(p.what()));
    }

    /** Attaches a comment that follows content on its line; false when there is no part to trail. */
    private boolean trail(Comment c) {
        if (c.line() == built.startLine() && doc.startComment == null) {
            doc.startComment = c.text();
            return true;
        }
        if (c.line() == built.endLine() && doc.endComment == null) {
            doc.endComment = c.text();
            return true;
        }
        int n = firstTokenAfter(c.index());
        Token prev = n > 0 ? tokens.get(n - 1) : null;
        if (prev == null || prev.endLine() != c.line() || prev.owner() == null || prev.owner().trailing != null) {
            return false;
        }
        prev.owner().trailing = c.text();
        return true;
    }

    private List<Line> slotForFullLine(int index, int line, int column) {
        if (built.startLine() >= 0 && line < built.startLine()) {
            return doc.preamble;
        }
        if (built.endLine() >= 0 && line > built.endLine()) {
            return doc.afterEnd;
        }
        int n = firstTokenAfter(index);
        Token next = n < tokens.size() ? tokens.get(n) : null;
        Token prev = n > 0 ? tokens.get(n - 1) : null;
        if (prev == null) {
            return doc.head;
        }
        Collection closed = closedBy(closing(prev, next), column, next == null ? -1 : next.column());
        if (closed != null) {
            return closed.end;
        }
        if (next == null) {
            return doc.foot;
        }
        return next.owner() == null ? doc.head : next.owner().head;
    }

    private List<Line> slotForBlank(int line) {
        if (built.startLine() >= 0 && line < built.startLine()) {
            return doc.preamble;
        }
        if (built.endLine() >= 0 && line > built.endLine()) {
            return doc.afterEnd;
        }
        int n = firstTokenAfter(src.lineStart(line));
        Token next = n < tokens.size() ? tokens.get(n) : null;
        Integer commentLine = commentSlots.higherKey(line);
        if (commentLine != null && (next == null || commentLine < next.startLine())) {
            return commentSlots.get(commentLine);
        }
        if (n == 0) {
            return doc.head;
        }
        return next != null && next.startsOwner() ? next.owner().head : null;
    }

    /**
     * The block a comment at {@code column} closes: the deepest of {@code closing} whose children start at or
     * left of the comment yet right of the next content. Of blocks whose children share a column (a list written
     * flush under its key), the outermost.
     */
    private static Collection closedBy(List<Collection> closing, int column, int nextColumn) {
        for (int i = closing.size() - 1; i >= 0; i--) {
            Collection c = closing.get(i);
            if (c.childColumn <= column && c.childColumn > nextColumn) {
                while (i > 0 && closing.get(i - 1).childColumn == c.childColumn) {
                    c = closing.get(--i);
                }
                return c;
            }
        }
        return null;
    }

    /** The block collections holding {@code prev} but not {@code next}, outermost first. */
    private static List<Collection> closing(Token prev, Token next) {
        List<Collection> before = prev.chain();
        List<Collection> after = next == null ? List.of() : next.chain();
        int common = 0;
        while (common < before.size() && common < after.size() && before.get(common) == after.get(common)) {
            common++;
        }
        return before.subList(common, before.size());
    }

    private int firstTokenAfter(int index) {
        int lo = 0;
        int hi = tokens.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (tokens.get(mid).start() > index) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
