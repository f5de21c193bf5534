package net.sigsrv.infra.spec.yaml;

import java.util.Arrays;
import java.util.List;

/**
 * The decoded text of a spec file and its lines, kept so diagnostics can quote the offending line. Where each line
 * starts is found once, on first use, so quoting the lines of many diagnostics costs one pass over the text, not one
 * per diagnostic (a 1 MB spec with 50,000 problems once took minutes to print).
 */
public final class SourceText {

    private final String name;
    private final String text;
    /** Start and end of each line, in pairs; made on first use. */
    private int[] bounds;

    /**
     * @param name the file name as the user gave it
     * @param text the whole text (UTF-8 decoded, BOM removed)
     */
    public SourceText(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public List<String> lines() {
        return text.lines().toList();
    }

    /** The 1-based line (without its break, split as {@link String#lines()} splits), or empty when out of range. */
    public String line(int number) {
        int[] b = bounds();
        return number >= 1 && number <= b.length / 2 ? text.substring(b[2 * number - 2], b[2 * number - 1]) : "";
    }

    /** Start and end (exclusive, before the break) of each line, in pairs; made once. */
    private int[] bounds() {
        if (bounds == null) {
            int[] b = new int[32];
            int n = 0;
            int from = 0;
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c != '\n' && c != '\r') {
                    i++;
                    continue;
                }
                if (n + 2 > b.length) {
                    b = Arrays.copyOf(b, b.length * 2);
                }
                b[n++] = from;
                b[n++] = i;
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                from = i;
            }
            if (from < text.length()) {
                b = Arrays.copyOf(b, n + 2);
                b[n++] = from;
                b[n++] = text.length();
            }
            bounds = Arrays.copyOf(b, n);
        }
        return bounds;
    }
}
