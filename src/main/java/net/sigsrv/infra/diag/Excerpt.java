package net.sigsrv.infra.diag;

/**
 * How a message quotes a value from the user's input: whole when it is short, else its first {@value #KEEP}
 * characters, "…" and its length — a 1 MB value gives one short line, not 1 MB of output. Control characters
 * (a YAML {@code "\e[2J"} or {@code "\0"} escape) are shown escaped, so a message never moves the cursor of the
 * terminal it is printed on. The one place values are cut; {@link Diagnostic} also bounds whole messages with it.
 */
public final class Excerpt {

    /** Characters of a long value that a message keeps. */
    public static final int KEEP = 60;

    private Excerpt() {
    }

    /** {@code value} as a message shows it: {@code aaaa…} then "… (1048576 characters)" when long. */
    public static String of(String value) {
        return cut(value, KEEP);
    }

    /**
     * A whole message cut to at most {@code limit} characters, its control characters escaped (line breaks too, unless
     * {@code lines}): the backstop for a value a rule quoted whole.
     */
    static String bounded(String message, int limit, boolean lines) {
        String text = message;
        if (text.chars().anyMatch(c -> isControl(c) && !(lines && c == '\n'))) {
            StringBuilder out = new StringBuilder();
            text.codePoints().forEach(c -> escape(out, c, lines));
            text = out.toString();
        }
        if (text.length() <= limit) {
            return text;
        }
        // the note counts towards the limit, so a message cut once passes unchanged the next time (withDetail and
        // the other copies of a Diagnostic come through here again)
        String note = "… (" + text.codePointCount(0, text.length()) + " characters in all)";
        int end = limit - note.length();
        end = Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
        return text.substring(0, end) + note;
    }

    private static boolean isControl(int c) {
        return c < 0x20 && c != '\t' || c == 0x7f || (c >= 0x80 && c < 0xa0);
    }

    private static void escape(StringBuilder out, int c, boolean lines) {
        if (c == '\n' && !lines) {
            out.append("\\n");
        } else if (c != '\n' && isControl(c)) {
            out.append(String.format("\\u%04x", c));
        } else {
            out.appendCodePoint(c);
        }
    }

    private static String cut(String text, int keep) {
        int length = text.codePointCount(0, text.length());
        boolean plain = text.chars().noneMatch(Excerpt::isControl);
        // a value slightly over the limit is shown whole: cutting it would save less than the note costs
        boolean whole = length <= keep + 20;
        if (plain && whole) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(whole ? length : keep).forEach(c -> escape(out, c, false));
        return whole ? out.toString() : out.append("… (").append(length).append(" characters)").toString();
    }
}
