package net.sigsrv.infra.spec.format;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.sigsrv.infra.spec.format.Tree.Line;
import net.sigsrv.infra.spec.format.Tree.Node;
import net.sigsrv.infra.spec.format.Tree.Part;

/**
 * Prints a {@link Tree} in canonical layout: mappings indented by 2, block sequences indented by 2 under their key,
 * a mapping or sequence inside a list item starting on the dash line ({@code - name: x}), flow collections on one
 * line, scalars as written. Comments are printed at the indentation of what they belong to: head comments at
 * their part's column, end comments at the children's column, so that reading the output back places every
 * comment where it was.
 *
 * <p>Blank lines: at most one in a row, none at the start of a block or of the document, none at the end. Lines
 * inside scalars are content and are printed exactly.
 */
final class Printer {

    private final List<String> out = new ArrayList<>();
    private boolean lastBlank;
    private boolean afterKeptScalar;

    private Printer() {
    }

    static String print(Tree.Document doc) {
        Printer p = new Printer();
        p.document(doc);
        return p.text();
    }

    private void document(Tree.Document doc) {
        lines(doc.preamble, 0, true);
        if (doc.explicitStart) {
            text("---" + trailing(doc.startComment));
        }
        lines(doc.head, 0, false);
        root(doc.root);
        lines(doc.foot, 0, false);
        if (doc.explicitEnd) {
            text("..." + trailing(doc.endComment));
        }
        lines(doc.afterEnd, 0, false);
    }

    private void root(Node root) {
        if (root == null) {
            return;
        }
        if (root instanceof Tree.Collection c && !c.inline) {
            if (!c.props.isEmpty()) {
                text(c.props);
            }
            block(c, 0, null);
        } else {
            value("", root, 0, 0, null, false);
        }
    }

    private void block(Tree.Collection c, int indent, String prefix) {
        if (c instanceof Tree.Mapping m) {
            for (int i = 0; i < m.entries.size(); i++) {
                entry(m.entries.get(i), indent, i == 0 ? prefix : null, i == 0);
            }
        } else {
            Tree.Sequence s = (Tree.Sequence) c;
            for (int i = 0; i < s.items.size(); i++) {
                item(s.items.get(i), indent, i == 0 ? prefix : null, i == 0);
            }
        }
        lines(c.end, indent, false);
    }

    /** {@code prefix} replaces the indentation of the first line (the dash line); its head was printed above. */
    private void entry(Tree.Entry e, int indent, String prefix, boolean first) {
        if (prefix == null) {
            lines(e.head, indent, first);
        }
        String lead = prefix == null ? " ".repeat(indent) : prefix;
        String key = inlineKey(e.key);
        if (key == null) {
            value(lead + "?", e.key, indent, indent + 2, null, true);
            value(" ".repeat(indent) + ":", e.value, indent, indent + 2, e.trailing, true);
        } else {
            value(lead + key + ":", e.value, indent, indent + 2, e.trailing, false);
        }
    }

    private void item(Tree.Item it, int indent, String prefix, boolean first) {
        if (prefix == null) {
            lines(it.head, indent, first);
        }
        value((prefix == null ? " ".repeat(indent) : prefix) + "-", it.value, indent, indent + 2, it.trailing, true);
    }

    /**
     * Prints {@code lead} ("  key:" or "  -") followed by the value. {@code parentColumn} is the key's or dash's
     * column; {@code compact} allows a block value to start on the lead's line.
     */
    private void value(String lead, Node v, int parentColumn, int childIndent, String trailing, boolean compact) {
        String sep = lead.isEmpty() ? "" : " ";
        if (v instanceof Tree.Scalar s && s.isBlock()) {
            text(lead + sep + s.blockHeader + trailing(trailing));
            int indent = s.indentIndicator > 0 ? parentColumn + s.indentIndicator : Math.max(childIndent, 1);
            s.body.forEach(line -> content(line.isEmpty() ? "" : " ".repeat(indent) + line));
            afterKeptScalar = s.keep;
        } else if (v instanceof Tree.Scalar s && !s.isSingleLine()) {
            content(lead + sep + s.lines.get(0));
            for (int i = 1; i < s.lines.size(); i++) {
                String line = s.lines.get(i);
                content((line.isEmpty() ? "" : " ".repeat(childIndent) + line)
                        + (i == s.lines.size() - 1 ? trailing(trailing) : ""));
            }
        } else if (v instanceof Tree.Collection c && !c.inline) {
            Part first = c instanceof Tree.Mapping m ? m.entries.get(0) : ((Tree.Sequence) c).items.get(0);
            if (compact && c.props.isEmpty() && trailing == null) {
                lines(first.head, leadColumn(lead), true);
                block(c, childIndent, lead + " ");
            } else {
                text(lead + (c.props.isEmpty() ? "" : sep + c.props) + trailing(trailing));
                block(c, childIndent, null);
            }
        } else {
            String inline = inline(v);
            text(lead + (inline.isEmpty() ? "" : sep + inline) + trailing(trailing));
        }
    }

    /** A key that fits before {@code :} on one line, or null when it needs the explicit {@code ?} form. */
    private static String inlineKey(Node key) {
        if (key instanceof Tree.Alias a) {
            return "*" + a.name() + " ";
        }
        if (key instanceof Tree.Scalar s && s.isSingleLine()) {
            return s.lines.get(0);
        }
        if (key instanceof Tree.Collection c && c.inline) {
            return inline(c);
        }
        return null;
    }

    private static String inline(Node v) {
        if (v instanceof Tree.Scalar s) {
            return s.lines.get(0);
        }
        if (v instanceof Tree.Alias a) {
            return "*" + a.name();
        }
        String props = ((Tree.Collection) v).props.isEmpty() ? "" : ((Tree.Collection) v).props + " ";
        if (v instanceof Tree.Sequence s) {
            return props + s.items.stream().map(i -> inline(i.value)).collect(Collectors.joining(", ", "[", "]"));
        }
        return props + ((Tree.Mapping) v).entries.stream()
                .map(e -> e.value instanceof Tree.Scalar s && s.isEmpty() ? inlineKey(e.key).stripTrailing()
                        : inlineKey(e.key) + ": " + inline(e.value))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    private static int leadColumn(String lead) {
        int i = 0;
        while (i < lead.length() && lead.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static String trailing(String comment) {
        return comment == null ? "" : " " + comment;
    }

    /** Comment, blank and directive lines; blank lines at the start are dropped when {@code atStart}. */
    private void lines(List<Line> lines, int indent, boolean atStart) {
        boolean leading = atStart;
        for (Line line : lines) {
            switch (line.kind()) {
                case BLANK -> {
                    if (!leading) {
                        blank();
                    }
                }
                case COMMENT -> text(" ".repeat(indent) + line.text());
                case VERBATIM -> text(line.text());
            }
            leading &= line.kind() == Tree.LineKind.BLANK;
        }
    }

    private void text(String line) {
        out.add(line.stripTrailing());
        lastBlank = false;
        afterKeptScalar = false;
    }

    /** A line inside a scalar: printed as is (its spaces may be content). */
    private void content(String line) {
        out.add(line);
        lastBlank = false;
        afterKeptScalar = false;
    }

    private void blank() {
        if (!out.isEmpty() && !lastBlank && !afterKeptScalar) {
            out.add("");
            lastBlank = true;
        }
    }

    private String text() {
        if (lastBlank) {
            out.remove(out.size() - 1);
        }
        return out.isEmpty() ? "" : String.join("\n", out) + "\n";
    }
}
