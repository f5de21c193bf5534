package net.sigsrv.infra.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A line diff in unified format ({@code diff -u}, 3 lines of context), for {@code infra fmt --check}. Computing
 * the edit script (Myers' O(ND) algorithm, after trimming the common head and tail) and rendering hunks are
 * separate steps. A text without a final newline gets the usual {@code \ No newline at end of file} marker.
 */
final class UnifiedDiff {

    /** Beyond this many differing lines the script stops being minimal: the changed middle is replaced whole. */
    private static final int MAX_EDIT_DISTANCE = 2000;
    private static final int CONTEXT = 3;

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
        ops.addAll(middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), prefix,
                prefix));
        for (int i = suffix; i > 0; i--) {
            ops.add(new Op(' ', a.get(a.size() - i), a.size() - i, b.size() - i));
        }
        return ops;
    }

    /** Myers' shortest edit script between {@code a} and {@code b}, whose first lines are at the given offsets. */
    private static List<Op> middle(List<String> a, List<String> b, int aOffset, int bOffset) {
        int n = a.size();
        int m = b.size();
        int max = Math.min(n + m, MAX_EDIT_DISTANCE);
        int offset = max + 1;
        int[] v = new int[2 * max + 3];
        List<int[]> trace = new ArrayList<>();
        int found = -1;
        for (int d = 0; d <= max && found < 0; d++) {
            trace.add(Arrays.copyOfRange(v, offset - d, offset + d + 1));
            for (int k = -d; k <= d; k += 2) {
                int x = k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1]
                        : v[offset + k - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a.get(x).equals(b.get(y))) {
                    x++;
                    y++;
                }
                v[offset + k] = x;
                if (x >= n && y >= m) {
                    found = d;
                    break;
                }
            }
        }
        if (found < 0) {
            return replaceAll(a, b, aOffset, bOffset);
        }
        List<Op> reversed = new ArrayList<>();
        int x = n;
        int y = m;
        for (int d = found; d > 0; d--) {
            int[] snap = trace.get(d);
            int k = x - y;
            int prevK = k == -d || (k != d && snap[k - 1 + d] < snap[k + 1 + d]) ? k + 1 : k - 1;
            int prevX = snap[prevK + d];
            int prevY = prevX - prevK;
            while (x > prevX && y > prevY) {
                x--;
                y--;
                reversed.add(new Op(' ', a.get(x), aOffset + x, bOffset + y));
            }
            if (x == prevX) {
                y--;
                reversed.add(new Op('+', b.get(y), aOffset + x, bOffset + y));
            } else {
                x--;
                reversed.add(new Op('-', a.get(x), aOffset + x, bOffset + y));
            }
        }
        while (x > 0 && y > 0) {
            x--;
            y--;
            reversed.add(new Op(' ', a.get(x), aOffset + x, bOffset + y));
        }
        return new ArrayList<>(reversed.reversed());
    }

    private static List<Op> replaceAll(List<String> a, List<String> b, int aOffset, int bOffset) {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            ops.add(new Op('-', a.get(i), aOffset + i, bOffset));
        }
        for (int i = 0; i < b.size(); i++) {
            ops.add(new Op('+', b.get(i), aOffset + a.size(), bOffset + i));
        }
        return ops;
    }
}
