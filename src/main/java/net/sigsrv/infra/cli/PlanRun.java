package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.apply.Applier;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.render.PlanText;

/**
 * The part {@code apply} and {@code destroy} share once they hold the lock and a plan: show it, stop when there is
 * nothing to do, ask, apply with progress on stderr, report. {@code Apply} refuses a plan with blocked changes;
 * {@code Destroy} keeps the protected instances and what they need, and its last line says so
 * ({@link DestroyReport}).
 */
final class PlanRun {

    private PlanRun() {
    }

    static int showAskApply(String what, Plan plan, IncusClient client, List<String> members,
                            Applier.Options options, boolean autoApprove, PrintWriter out, PrintWriter err)
            throws Exception {
        boolean destroy = what.equals("Destroy");
        out.print(new PlanText(Terminal.colour()).render(plan));
        out.flush();
        if (!destroy && !plan.blocked().isEmpty()) {
            throw InfraException.invalidInput(plan.blocked().size() + " change(s) blocked (see BLOCKED above);"
                    + " nothing was applied");
        }
        if (!plan.hasChanges()) {
            return destroy && !plan.blocked().isEmpty() ? DestroyReport.print(plan, Optional.empty(), out)
                    : ExitCode.OK.code();
        }
        if (!autoApprove && !Confirmation.ask(out, "Do you want to perform these actions?")) {
            throw InfraException.invalidInput(what.toLowerCase() + " cancelled; nothing was changed");
        }
        out.println();
        WalkResult<Change> result = Applier.apply(plan, client, members, options, new ApplyProgress(err));
        return destroy ? DestroyReport.print(plan, Optional.of(result), out) : ApplyCommand.report(result, out, what);
    }
}
