package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import net.sigsrv.infra.diag.Ansi;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.spec.yaml.SourceText;

/**
 * Renders diagnostics the way compilers do: {@code file:line:col: error[rule]: summary}, the source line with a
 * caret under the column, then the detail. At most {@link Diagnostics#MAX_SHOWN} are shown, then how many more
 * there are; the caller ends with a count line.
 */
final class DiagnosticText {

    private DiagnosticText() {
    }

    static void print(PrintWriter out, Diagnostics diags, SourceText source, boolean colour) {
        Diagnostics.Shown shown = diags.shown();
        for (Diagnostic d : shown.items()) {
            String label = d.isError() ? Ansi.paint(colour, "1;31", "error")
                    : Ansi.paint(colour, "1;33", "warning");
            out.println(Ansi.paint(colour, "1", d.pos().toString()) + ": " + label + "[" + d.rule() + "]: "
                    + d.summary());
            String line = source.line(d.pos().line());
            // a line with control characters is not quoted: printed raw, they would act on the terminal
            if (!line.isBlank() && line.length() <= 200 && line.chars().noneMatch(c -> c < 0x20 && c != '\t'
                    || c == 0x7f)) {
                String number = String.valueOf(d.pos().line());
                String gutter = " ".repeat(number.length());
                out.println(" " + number + " | " + line);
                out.println(" " + gutter + " | " + " ".repeat(Math.max(0, caretColumn(line, d.pos().column()) - 1))
                        + Ansi.paint(colour, "1;32", "^"));
            }
            if (!d.detail().isEmpty()) {
                out.println("   = " + d.detail());
            }
            out.println();
        }
        if (shown.more() > 0) {
            out.println("… and " + shown.more() + " more not shown (only the first " + Diagnostics.MAX_SHOWN
                    + " are; fix these first)");
            out.println();
        }
    }

    /** Columns count code points; tabs in the quoted line are kept, so the caret lines up under them. */
    private static int caretColumn(String line, int column) {
        return Math.min(column, line.codePointCount(0, line.length()) + 1);
    }

    static String counts(Diagnostics diags) {
        return plural(diags.errorCount(), "error") + ", " + plural(diags.warningCount(), "warning");
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
