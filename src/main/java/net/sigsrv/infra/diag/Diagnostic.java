package net.sigsrv.infra.diag;

import java.util.Objects;

/**
 * One user-facing problem.
 *
 * @param severity error or warning
 * @param rule     stable rule ID (e.g. {@code network-overlap}); documented in docs/rules.md and never renamed
 * @param summary  one line naming the subject, the rule and the offending value
 * @param detail   optional explanation and remedy; empty string when there is none
 * @param subject  the address of the object concerned (e.g. {@code networks.userbr0}); empty for the whole file
 * @param pos      where in the source the problem is
 */
public record Diagnostic(Severity severity, String rule, String summary, String detail, String subject,
                         SourcePos pos) {

    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(pos, "pos");
        // Rules quote values through Excerpt.of; this bounds what one forgot, so no value fills a screen.
        summary = Excerpt.bounded(summary, 1_000, false);
        detail = detail == null ? "" : Excerpt.bounded(detail, 4_000, true);
        subject = subject == null ? "" : Excerpt.bounded(subject, 300, false);
    }

    public static Diagnostic error(String rule, SourcePos pos, String summary) {
        return new Diagnostic(Severity.ERROR, rule, summary, "", "", pos);
    }

    public static Diagnostic warning(String rule, SourcePos pos, String summary) {
        return new Diagnostic(Severity.WARNING, rule, summary, "", "", pos);
    }

    public Diagnostic withDetail(String newDetail) {
        return new Diagnostic(severity, rule, summary, newDetail, subject, pos);
    }

    public Diagnostic withSubject(String newSubject) {
        return new Diagnostic(severity, rule, summary, detail, newSubject, pos);
    }

    public Diagnostic withSeverity(Severity newSeverity) {
        return new Diagnostic(newSeverity, rule, summary, detail, subject, pos);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
