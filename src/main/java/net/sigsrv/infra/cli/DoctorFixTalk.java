package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.List;
import net.sigsrv.infra.doctor.DaemonFix;
import net.sigsrv.infra.doctor.Finding;
import net.sigsrv.infra.doctor.Fixer;
import net.sigsrv.infra.doctor.HostCommand;
import net.sigsrv.infra.doctor.HostShell;
import net.sigsrv.infra.incus.IncusException;

/**
 * How {@code infra doctor --fix} talks: what it will not run, what it will run, and each step as it ends (stdout,
 * or stderr when the report is JSON). Every line is flushed as it is written, so the operator sees a slow step.
 */
final class DoctorFixTalk implements Fixer.Listener {

    private final PrintWriter talk;

    DoctorFixTalk(PrintWriter talk) {
        this.talk = talk;
    }

    /** The root causes whose remedy --fix will not run, each with why. */
    void refused(List<Finding> refused) {
        if (refused.isEmpty()) {
            return;
        }
        talk.println("\ninfra doctor --fix will not run the remedy of " + refused.size() + " root cause(s); do it by"
                + " hand:");
        // the subject last: a name that looks like a secret is masked with the words that follow it
        refused.forEach(f -> talk.println("  " + f.check().id() + " on " + f.host() + ": " + f.remedy().refused()
                + " (" + f.subject() + ")"));
    }

    /** Why nothing runs when the plan is empty. */
    void nothingToFix(boolean problems) {
        talk.println(problems ? "\nNo root cause has a host command to run; see the remedies above."
                : "\nNothing to fix.");
        talk.flush();
    }

    /** What the confirmation is asked for. */
    void plan(Fixer.Plan plan) {
        if (!plan.daemonFixes().isEmpty()) {
            talk.println("\ninfra doctor --fix will make " + plan.daemonFixes().size() + " change(s) through the"
                    + " daemon's API:");
            plan.daemonFixes().forEach(d -> talk.println("  " + d));
        }
        if (!plan.commands().isEmpty()) {
            talk.println("\ninfra doctor --fix will run " + plan.commands().size() + " command(s) over SSH:");
            plan.commands().forEach(c -> talk.println("  " + c));
        }
        talk.flush();
    }

    void checkingAgain() {
        talk.println("\nChecking again:");
        talk.flush();
    }

    @Override
    public void daemonFixDone(DaemonFix fix, String done) {
        talk.println("done " + done);
        talk.flush();
    }

    @Override
    public void daemonFixFailed(DaemonFix fix, IncusException failure) {
        talk.println("FAILED " + fix + ": " + failure.getMessage());
        talk.flush();
    }

    @Override
    public void commandRan(HostCommand c, HostShell.Result r) {
        talk.println((r.ok() ? "ran  " : "FAILED (exit " + r.exitStatus() + ") ") + c
                + (r.output().isEmpty() ? "" : "\n    " + r.output().replace("\n", "\n    ")));
        talk.flush();
    }
}
