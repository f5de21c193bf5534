package net.sigsrv.infra.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.DiffAlgorithmListener;
import com.github.difflib.patch.AbstractDelta;
import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in unified format ({@code diff -u}, 3 lines of context), for {@code infra fmt --check}. The edit
 * script comes from java-diff-utils; the hunks are rendered here, because the library's own unified writer does
 * not write them as {@code diff -u} does: it gives an empty range as {@code -1,0} (diff: {@code -0,0}), a
 * one-line range as {@code +1,1} (diff: {@code +1}), and it has no {@code \ No newline at end of file} marker.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;
    /** Beyond this many differing lines the script stops being minimal: the changed middle is replaced whole. */
    private static final int MAX_EDIT_DISTANCE = 2000;

    /** One line of the edit script: ' ' kept, '-' removed, '+' added; {@code line} includes its newline. */
    record Op(char kind, String line, int oldIndex, int newIndex) {
    }

    private UnifiedDiff() {
    }

    /** The diff from {@code before} to {@code after}, or "" when they are equal. */
    static String render(String oldName, String newName, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        List<Op> ops = edits(lines(before), lines(after));
        StringBuilder out = new StringBuilder("--- " + oldName + "\n+++ " + newName + "\n");
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind() == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < ops.size() && end - lastChange <= 2 * CONTEXT + 1) {
                if (ops.get(end).kind() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + 1 + CONTEXT);
            hunk(out, ops.subList(start, end));
            i = end;
        }
        return out.toString();
    }

    private static void hunk(StringBuilder out, List<Op> ops) {
        int oldCount = (int) ops.stream().filter(o -> o.kind() != '+').count();
        int newCount = (int) ops.stream().filter(o -> o.kind() != '-').count();
        out.append("@@ -").append(range(ops.get(0).oldIndex(), oldCount))
                .append(" +").append(range(ops.get(0).newIndex(), newCount)).append(" @@\n");
        for (Op op : ops) {
            out.append(op.kind());
            if (op.line().endsWith("\n")) {
                out.append(op.line());
            } else {
                out.append(op.line()).append("\n\\ No newline at end of file\n");
            }
        }
    }

    private static String range(int index, int count) {
        return count == 0 ? index + ",0" : count == 1 ? String.valueOf(index + 1) : (index + 1) + "," + count;
    }

    /** Lines with their terminators, so "x" and "x\n" differ as they should. */
    static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int from = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
            lines.add(text.substring(from, nl + 1));
            from = nl + 1;
        }
        if (from < text.length()) {
            lines.add(text.substring(from));
        }
        return lines;
    }

    /**
     * The edit script: every line of both texts in order, kept lines once; a changed block lists its removals before
     * its additions, as {@code diff -u} does. The common head and tail are kept as they are; the middle comes from
     * java-diff-utils' Myers diff, unless the texts differ in more than {@link #MAX_EDIT_DISTANCE} lines: then the
     * middle is replaced whole (Myers' time grows with lines × differences: 20,000 lines rewritten took it a minute).
     */
    static List<Op> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < prefix; i++) {
            ops.add(new Op(' ', a.get(i), i, i));
        }
        List<String> oldMiddle = a.subList(prefix, a.size() - suffix);
        List<String> newMiddle = b.subList(prefix, b.size() - suffix);
        try {
            ops.addAll(middle(oldMiddle, newMiddle, prefix));
        } catch (TooDifferent e) {
            ops.addAll(replaceAll(oldMiddle, newMiddle, prefix));
        }
        for (int i = suffix; i > 0; i--) {
            ops.add(new Op(' ', a.get(a.size() - i), a.size() - i, b.size() - i));
        }
        return ops;
    }

    /** The script between two middles that both start at line {@code offset}. */
    private static List<Op> middle(List<String> a, List<String> b, int offset) {
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b, new Bound()).getDeltas()) {
            for (int kept = delta.getSource().getPosition(); i < kept; i++, j++) {
                ops.add(new Op(' ', a.get(i), offset + i, offset + j));
            }
            for (String line : delta.getSource().getLines()) {
                ops.add(new Op('-', line, offset + i++, offset + j));
            }
            for (String line : delta.getTarget().getLines()) {
                ops.add(new Op('+', line, offset + i, offset + j++));
            }
        }
        for (; i < a.size(); i++, j++) {
            ops.add(new Op(' ', a.get(i), offset + i, offset + j));
        }
        return ops;
    }

    private static List<Op> replaceAll(List<String> a, List<String> b, int offset) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ops.add(new Op('-', a.get(i), offset + i, offset));
        }
        for (int i = 0; i < b.size(); i++) {
            ops.add(new Op('+', b.get(i), offset + a.size(), offset + i));
        }
        return ops;
    }

    /** Stops the Myers walk once it has looked past {@link #MAX_EDIT_DISTANCE} differences. */
    private static final class Bound implements DiffAlgorithmListener {

        @Override
        public void diffStart() {
        }

        @Override
        public void diffStep(int differences, int max) {
            if (differences > MAX_EDIT_DISTANCE) {
                throw new TooDifferent();
            }
        }

        @Override
        public void diffEnd() {
        }
    }

    private static final class TooDifferent extends RuntimeException {

        TooDifferent() {
            super(null, null, false, false);
        }
    }
}
