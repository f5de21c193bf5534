package net.sigsrv.infra.diag;

/** How bad a diagnostic is. Only {@link #ERROR} stops a command; {@link #WARNING} does under {@code --strict}. */
public enum Severity {
    ERROR("error"),
    WARNING("warning");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /** Lower-case word used in rendered output and JSON. */
    public String label() {
        return label;
    }
}
