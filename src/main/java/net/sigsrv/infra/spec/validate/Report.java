package net.sigsrv.infra.spec.validate;

import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.diag.Severity;
import net.sigsrv.infra.diag.SourcePos;

/** Where rules report. Every rule ID must be in {@link RuleCatalog}; that is checked here, once, for all rules. */
final class Report {

    private final Diagnostics diags = new Diagnostics();

    Diagnostics diagnostics() {
        return diags;
    }

    void error(String rule, String subject, SourcePos pos, String summary, String detail) {
        add(Severity.ERROR, rule, subject, pos, summary, detail);
    }

    void error(String rule, String subject, SourcePos pos, String summary) {
        add(Severity.ERROR, rule, subject, pos, summary, "");
    }

    void warning(String rule, String subject, SourcePos pos, String summary, String detail) {
        add(Severity.WARNING, rule, subject, pos, summary, detail);
    }

    private void add(Severity severity, String rule, String subject, SourcePos pos, String summary, String detail) {
        if (!RuleCatalog.isKnown(rule)) {
            throw new IllegalStateException("rule " + rule + " is not in RuleCatalog");
        }
        diags.add(new Diagnostic(severity, rule, summary, detail, subject, pos));
    }
}
