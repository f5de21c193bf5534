package net.sigsrv.infra.doctor;

/** How bad a finding is. Ordered: a report is as bad as its worst finding. */
public enum Severity {
    OK("ok", "✓"),
    WARN("warn", "!"),
    ERROR("error", "✗"),
    CRITICAL("critical", "✗");

    private final String label;
    private final String marker;

    Severity(String label, String marker) {
        this.label = label;
        this.marker = marker;
    }

    /** The word in reports and JSON ({@code ok}, {@code warn}, {@code error}, {@code critical}). */
    public String label() {
        return label;
    }

    /** ✓ for ok, ! for warnings, ✗ for errors and worse. */
    public String marker() {
        return marker;
    }

    public boolean isProblem() {
        return this != OK;
    }

    public static Severity worst(Severity a, Severity b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
