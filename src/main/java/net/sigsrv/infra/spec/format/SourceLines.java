package net.sigsrv.infra.spec.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A text addressed the way SnakeYAML Engine's marks address it: by code point index. Lines end at {@code \n} only
 * (the formatter normalises line breaks before parsing); line numbers here are 0-based.
 */
final class SourceLines {

    private final String text;
    private final int[] codePoints;
    private final int[] lineStarts;

    SourceLines(String text) {
        this.text = text;
        this.codePoints = text.codePoints().toArray();
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < codePoints.length; i++) {
            if (codePoints[i] == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    String text() {
        return text;
    }

    int length() {
        return codePoints.length;
    }

    /** The code point at {@code index}, or -1 past the end. */
    int at(int index) {
        return index >= 0 && index < codePoints.length ? codePoints[index] : -1;
    }

    String slice(int from, int to) {
        int f = Math.max(0, Math.min(from, codePoints.length));
        int t = Math.max(f, Math.min(to, codePoints.length));
        return new String(codePoints, f, t - f);
    }

    int lineCount() {
        return lineStarts.length;
    }

    /** The 0-based line holding {@code index}. */
    int lineOf(int index) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= index) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    int columnOf(int index) {
        return index - lineStarts[lineOf(index)];
    }

    int lineStart(int line) {
        return lineStarts[line];
    }

    /** Index of the line's {@code \n} (or the end of the text on the last line). */
    int lineEnd(int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : codePoints.length;
    }

    String line(int line) {
        return slice(lineStart(line), lineEnd(line));
    }
}
