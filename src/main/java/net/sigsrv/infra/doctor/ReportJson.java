package net.sigsrv.infra.doctor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable report ({@code --output json}), a stable schema: {@code checks[]} (one entry per finding:
 * {@code id, area, status, host, network, subject, summary, evidence[], remedy, commands[{host, command, argv[]}],
 * key, caused_by[], root}, {@code refused} — why — only where a remedy's host commands were refused, and
 * {@code daemon_fixes[]} only where the remedy is made through the API) and
 * {@code summary{status, ok, warn, error, critical, roots, areas[], line, took_ms, api_calls, phases_ms}} ({@code
 * phases_ms}: per step of the run, {@code [began, ended]} in ms from its start, where a run measured them). Fields
 * are only ever added.
 */
public final class ReportJson {

    public static final int SCHEMA = 1;

    private ReportJson() {
    }

    public static Map<String, Object> tree(Report report, boolean withCost) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("checks", report.findings().stream().map(ReportJson::finding).toList());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("status", report.worst().label());
        for (Severity s : Severity.values()) {
            summary.put(s.label(), report.count(s));
        }
        summary.put("roots", report.roots().stream().map(Finding::key).toList());
        summary.put("areas", report.troubledAreas().stream().map(Area::id).toList());
        summary.put("line", report.summaryLine());
        if (withCost) {
            summary.put("took_ms", report.took().toMillis());
            summary.put("api_calls", report.apiCalls());
            if (!report.phases().isEmpty()) {
                summary.put("phases_ms", report.phases());
            }
        }
        root.put("summary", summary);
        return root;
    }

    private static Map<String, Object> finding(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", f.check().id());
        m.put("area", f.area().id());
        m.put("status", f.severity().label());
        m.put("host", f.host());
        m.put("network", f.network());
        m.put("subject", f.subject());
        m.put("summary", f.summary());
        m.put("evidence", f.evidence());
        m.put("remedy", f.remedy().text());
        m.put("commands", f.remedy().commands().stream().map(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("host", c.host());
            cm.put("command", c.text());
            cm.put("argv", c.argv());
            return cm;
        }).toList());
        if (!f.remedy().daemonFixes().isEmpty()) {
            m.put("daemon_fixes", f.remedy().daemonFixes().stream().map(DaemonFix::text).toList());
        }
        if (f.remedy().isRefused()) {
            m.put("refused", f.remedy().refused());
        }
        m.put("key", f.key());
        m.put("caused_by", f.causedBy());
        m.put("root", f.isRoot());
        return m;
    }

    /** The check catalog for {@code --list-checks -o json}. */
    public static List<Map<String, String>> catalog() {
        return java.util.Arrays.stream(Check.values()).map(c -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("area", c.area().id());
            m.put("checks", c.what());
            m.put("remedy", c.remedy());
            return m;
        }).toList();
    }
}
