package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.diag.Ansi;

/**
 * The human report: grouped by area, one line per problem (✗ error or worse, ! warning) with its evidence, its cause
 * (when another finding explains it) or its remedy and exact host commands (when it is a root); ok findings of a
 * check fold into one ✓ line unless {@code verbose}. Ends with the summary line.
 */
public final class ReportText {

    private static final int ID_WIDTH = 27;
    private final boolean colour;
    private final boolean verbose;

    public ReportText(boolean colour, boolean verbose) {
        this.colour = colour;
        this.verbose = verbose;
    }

    public String render(Report report) {
        StringBuilder s = new StringBuilder();
        Map<Area, List<Finding>> byArea = new LinkedHashMap<>();
        report.findings().forEach(f -> byArea.computeIfAbsent(f.area(), k -> new ArrayList<>()).add(f));
        for (Map.Entry<Area, List<Finding>> area : byArea.entrySet()) {
            s.append(area.getKey().title()).append('\n');
            Map<Check, List<Finding>> byCheck = new LinkedHashMap<>();
            area.getValue().forEach(f -> byCheck.computeIfAbsent(f.check(), k -> new ArrayList<>()).add(f));
            byCheck.forEach((check, findings) -> renderCheck(s, report, check, findings));
            s.append('\n');
        }
        if (report.findings().isEmpty()) {
            s.append("No checks ran.\n");
        }
        s.append(paint(report.worst(), report.summaryLine())).append('\n');
        return s.toString();
    }

    private void renderCheck(StringBuilder s, Report report, Check check, List<Finding> findings) {
        List<Finding> ok = findings.stream().filter(f -> !f.severity().isProblem()).toList();
        if (!ok.isEmpty()) {
            if (verbose || ok.size() == 1) {
                ok.forEach(f -> line(s, f.severity(), check, f.summary()));
            } else {
                line(s, Severity.OK, check, ok.size() + " ok");
            }
        }
        for (Finding f : findings) {
            if (!f.severity().isProblem()) {
                continue;
            }
            line(s, f.severity(), check, f.summary());
            f.evidence().forEach(e -> s.append("      evidence: ").append(e).append('\n'));
            if (!f.causedBy().isEmpty()) {
                for (String key : f.causedBy()) {
                    s.append("      caused by: ").append(report.find(key).map(ReportText::name).orElse(key))
                            .append('\n');
                }
                continue;
            }
            if (!f.remedy().text().isEmpty()) {
                s.append("      remedy: ").append(f.remedy().text()).append('\n');
            }
            f.remedy().commands().forEach(c -> s.append("        ").append(c).append('\n'));
            f.remedy().daemonFixes().forEach(d -> s.append("        (API) ").append(d).append('\n'));
        }
    }

    /** How a cause is named: "network-bridge-attached on sigsrv: sigsrv0 is not attached to …". */
    static String name(Finding f) {
        return f.check().id() + (f.host().isEmpty() ? "" : " on " + f.host()) + ": " + f.summary();
    }

    private void line(StringBuilder s, Severity severity, Check check, String summary) {
        s.append("  ").append(paint(severity, severity.marker())).append(' ')
                .append(String.format("%-" + ID_WIDTH + "s", check.id())).append(' ').append(summary).append('\n');
    }

    private String paint(Severity severity, String text) {
        String code = switch (severity) {
            case OK -> "32";
            case WARN -> "33";
            case ERROR, CRITICAL -> "31";
        };
        return Ansi.paint(colour, code, text);
    }
}
