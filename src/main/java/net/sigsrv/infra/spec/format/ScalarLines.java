package net.sigsrv.infra.spec.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a scalar's source text into lines that can be re-indented without changing its value. Plain and quoted
 * scalars fold line breaks and ignore the whitespace around them, so continuation lines lose their indentation
 * and trailing blanks; block scalars keep every character after their content indentation.
 */
final class ScalarLines {

    private ScalarLines() {
    }

    /**
     * A block scalar taken apart.
     *
     * @param header          properties and indicators as written ({@code |}, {@code >-}, {@code &a |2})
     * @param indentIndicator the explicit indentation indicator, 0 when detected
     * @param keep            whether chomping is {@code +} (trailing empty lines are content)
     * @param body            content lines without the content indentation; {@code ""} for an empty line
     * @param sourceLines     how many source lines after the header the scalar's content occupies
     */
    record Block(String header, int indentIndicator, boolean keep, List<String> body, int sourceLines) {
    }

    /** The lines of a plain or quoted scalar: first as written, the rest stripped; {@code ""} for empty lines. */
    static List<String> reflow(String raw, boolean doubleQuoted) {
        String[] parts = raw.split("\n", -1);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = i == 0 ? parts[i] : stripLeading(parts[i]);
            lines.add(i == parts.length - 1 ? part : stripTrailing(part, doubleQuoted));
        }
        return lines;
    }

    /**
     * Takes a block scalar apart.
     *
     * @param headerLine   the source from the scalar's start to the end of its first line
     * @param raw          the source lines after the header up to the scalar's end
     * @param parentColumn the column an explicit indentation indicator counts from (the key's or the dash's)
     */
    static Block block(String headerLine, List<String> raw, int parentColumn) {
        int i = 0;
        while (i < headerLine.length() && (headerLine.charAt(i) == '&' || headerLine.charAt(i) == '!')) {
            while (i < headerLine.length() && headerLine.charAt(i) > ' ') {
                i++;
            }
            while (i < headerLine.length() && (headerLine.charAt(i) == ' ' || headerLine.charAt(i) == '\t')) {
                i++;
            }
        }
        int indicators = ++i;
        while (i < headerLine.length() && "+-123456789".indexOf(headerLine.charAt(i)) >= 0) {
            i++;
        }
        String flags = headerLine.substring(indicators, i);
        int indentIndicator = flags.chars().filter(Character::isDigit).map(c -> c - '0').findFirst().orElse(0);
        boolean keep = flags.contains("+");
        int indent = indentIndicator > 0 ? parentColumn + indentIndicator : detectIndent(raw);

        List<String> body = new ArrayList<>();
        for (String line : raw) {
            body.add(line.isBlank() && line.length() <= indent ? "" : line.substring(Math.min(indent, line.length())));
        }
        int sourceLines = body.size();
        if (!keep) {
            while (!body.isEmpty() && body.get(body.size() - 1).isEmpty()) {
                body.remove(body.size() - 1);
            }
            sourceLines = body.size();
        }
        return new Block(headerLine.substring(0, i), indentIndicator, keep, body, sourceLines);
    }

    private static int detectIndent(List<String> raw) {
        for (String line : raw) {
            if (!line.isBlank()) {
                return line.length() - stripLeading(line).length();
            }
        }
        return 0;
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    /** Strips spaces and tabs at the end, except one escaped by a backslash in a double-quoted scalar. */
    private static String stripTrailing(String s, boolean doubleQuoted) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        if (doubleQuoted && end < s.length()) {
            int backslashes = 0;
            while (end - backslashes > 0 && s.charAt(end - backslashes - 1) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                end++;
            }
        }
        return s.substring(0, end);
    }
}
