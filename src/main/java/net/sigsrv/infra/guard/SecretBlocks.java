package net.sigsrv.infra.guard;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets whose value goes on over the next lines, followed one line at a time (the same rules for a whole text in
 * {@link Redactor#redact} and for a stream in {@link RedactingOutputStream}):
 * <ul>
 *   <li>a YAML block value under a secret-named key: {@code key: |}, {@code >-}, {@code |2-} (a value that starts
 *       with a newline), or nothing after the colon (a nested block, or a list at the key's own column). The lines
 *       more indented than the key are dropped; for an empty header the first of them shows as the mask at its
 *       indentation;</li>
 *   <li>a quoted value left open at the end of its line (YAML folds long quoted scalars): the lines up to the
 *       closing quote are dropped;</li>
 *   <li>a Kubernetes env pair, {@code - name: DB_PASSWORD} (or {@code "name": "DB_PASSWORD",}) with the
 *       {@code value:} of the same item on a later line: that value is masked as if its key were secret-named;</li>
 *   <li>a base64 secret wrapped over lines (the output of {@code base64}): the full-width lines after the one
 *       that opened it, and the shorter last one, are dropped.</li>
 * </ul>
 * Not thread-safe; one per stream or text.
 */
final class SecretBlocks {

    /** A wrapped base64 secret continues on the next line when its last line is at least this long. */
    static final int WRAPPED = 60;

    private enum Kind { NONE, BLOCK, QUOTE, PAIR, WRAPPED }

    private static final String KEY = "(\\\\?[\"']?)([A-Za-z0-9_.-]++)\\\\?[\"']?";
    /** A key starting its line (after indentation and list dashes) with nothing, or a block indicator, after it. */
    private static final Pattern BLOCK_HEAD =
            Pattern.compile("^([ \\t]*(?:- )*)" + KEY + "[ \\t]*:[ \\t]*([|>][0-9+-]{0,2})?[ \\t]*(?:#.*)?$");
    /** A key whose value opens a quote. */
    private static final Pattern QUOTE_OPEN =
            Pattern.compile("(?<![A-Za-z0-9_./-])" + KEY + "[ \\t]*[:=][ \\t]*([\"'])");
    /** {@code - name: DB_PASSWORD} or {@code "name": "DB_PASSWORD",} ending its line. */
    private static final Pattern PAIR_NAME = Pattern.compile("^([ \\t]*(?:- )?)\\\\?[\"']?name\\\\?[\"']?[ \\t]*:"
            + "[ \\t]*\\\\?[\"']?([A-Za-z0-9_.-]++)\\\\?[\"']?[ \\t]*,?[ \\t]*$");
    /** The {@code value} key of an env pair, at the start of its line. */
    private static final Pattern PAIR_VALUE = Pattern.compile("^([ \\t]*\\\\?[\"']?value\\\\?[\"']?[ \\t]*:[ \\t]*)"
            + "(.*?)([ \\t]*,?[ \\t]*)$");

    private Kind kind = Kind.NONE;
    private int column;
    private boolean maskPending;
    private char quote;
    private int wrapWidth;

    /**
     * {@code text} without the lines inside its multi-line secrets (the first pass of {@link Redactor#redact} on a
     * text of several lines; the lines kept are masked after, with the whole text).
     */
    static String dropBodies(String text) {
        SecretBlocks blocks = new SecretBlocks();
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (at < text.length()) {
            int nl = text.indexOf('\n', at);
            int end = nl < 0 ? text.length() : nl + 1;
            int textEnd = nl < 0 ? end : nl > at && text.charAt(nl - 1) == '\r' ? nl - 1 : nl;
            String kept = blocks.next(text.substring(at, textEnd), UnaryOperator.identity());
            if (kept != null) {
                out.append(kept).append(text, textEnd, end);
            }
            at = end;
        }
        return out.toString();
    }

    /** Whether the next line may belong to a multi-line secret (a stream then releases nothing of it early). */
    boolean active() {
        return kind != Kind.NONE;
    }

    /**
     * The line to write for {@code line} as written (without its line end), or null to drop it. Lines outside
     * a multi-line secret come out as {@code mask} makes them ({@code mask} must leave a line without a trigger
     * word, {@link Redactor#mayHoldSecret}, as it is).
     */
    String next(String line, UnaryOperator<String> mask) {
        switch (kind) {
            case BLOCK -> {
                if (inBlock(line)) {
                    if (maskPending && !line.isBlank()) {
                        maskPending = false;
                        return line.substring(0, indent(line)) + Redactor.MASK;
                    }
                    return null;
                }
                kind = Kind.NONE;
            }
            case QUOTE -> {
                int close = closing(line, 0, quote);
                if (close < 0) {
                    return null;
                }
                kind = Kind.NONE;
                // from the closing quote on: in a whole text it closes the value the masking of its key then takes
                return mask.apply(line.substring(close));
            }
            case PAIR -> {
                int at = indent(line);
                Matcher value = PAIR_VALUE.matcher(line);
                if (at == column && value.matches()) {
                    kind = Kind.NONE;
                    String v = value.group(2);
                    if (v.isEmpty() || v.matches("[|>][0-9+-]{0,2}")) {
                        open(Kind.BLOCK, at, v.isEmpty());
                    } else if ((v.startsWith("\"") || v.startsWith("'")) && closing(v, 1, v.charAt(0)) < 0) {
                        kind = Kind.QUOTE;
                        quote = v.charAt(0);
                    }
                    return mask.apply(value.group(1) + Redactor.maskValue(v) + value.group(3));
                }
                if (at < column || at == column - 2 && line.startsWith("- ", at)) {
                    kind = Kind.NONE;
                } else {
                    return mask.apply(line);
                }
            }
            case WRAPPED -> {
                // full-width lines go on; a shorter one (or one ending in padding) is the last
                String t = line.strip();
                if (!t.isEmpty() && isBase64(t) && (t.length() == wrapWidth || wrapWidth == 0
                        && (t.length() >= WRAPPED || t.endsWith("=")) || t.length() < wrapWidth)) {
                    boolean last = wrapWidth > 0 && t.length() < wrapWidth || t.endsWith("=");
                    wrapWidth = last ? 0 : t.length();
                    kind = last ? Kind.NONE : Kind.WRAPPED;
                    return null;
                }
                wrapWidth = 0;
                kind = Kind.NONE;
            }
            case NONE -> {
            }
        }
        if (!Redactor.mayHoldSecret(line)) {
            return line; // the common case: one pass over the line, nothing to mask, nothing opens
        }
        String out = mask.apply(line);
        opens(line);
        return out;
    }

    /** Looks for a multi-line secret that {@code line} opens. */
    private void opens(String line) {
        Matcher head = BLOCK_HEAD.matcher(line);
        if (head.matches() && SecretNames.isSecret(head.group(3))) {
            open(Kind.BLOCK, head.group(1).length(), head.group(4) == null);
            return;
        }
        Matcher q = QUOTE_OPEN.matcher(line);
        while (q.find()) {
            char c = q.group(3).charAt(0);
            if (SecretNames.isSecret(q.group(2)) && closing(line, q.end(), c) < 0) {
                kind = Kind.QUOTE;
                quote = c;
                return;
            }
        }
        Matcher pair = PAIR_NAME.matcher(line);
        if (pair.matches() && SecretNames.isSecret(pair.group(2))) {
            kind = Kind.PAIR;
            column = pair.group(1).length();
            return;
        }
        if (endsInWrappedSecret(line)) {
            kind = Kind.WRAPPED;
        }
    }

    private void open(Kind k, int keyColumn, boolean emptyHeader) {
        kind = k;
        column = keyColumn;
        maskPending = emptyHeader;
    }

    /** A line of the block under a key at {@link #column}: blank, deeper, or a list item at the key's column. */
    private boolean inBlock(String line) {
        if (line.isBlank()) {
            return true;
        }
        int at = indent(line);
        return at > column || at == column && maskPending && (line.startsWith("- ", at) || line.length() == at + 1
                && line.charAt(at) == '-');
    }

    /** Where the quote closes in {@code s} from {@code from} (its index), or -1: {@code ''} and {@code \"} go on. */
    private static int closing(String s, int from, char q) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (q == '"' && c == '\\') {
                i++;
            } else if (c == q) {
                if (q == '\'' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int indent(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    static boolean isBase64(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/'
                    || c == '=')) {
                return false;
            }
        }
        return true;
    }

    /** Whether the line ends in a long base64 secret run: the output of {@code base64} wraps, and goes on below. */
    private static boolean endsInWrappedSecret(String text) {
        String t = text.stripTrailing();
        int start = t.length();
        while (start > 0 && isBase64(String.valueOf(t.charAt(start - 1)))) {
            start--;
        }
        String run = t.substring(start);
        return run.length() >= WRAPPED && (run.startsWith("LS0tLS1CRUdJT") || Redactor.isEncodedSecret(run));
    }
}
