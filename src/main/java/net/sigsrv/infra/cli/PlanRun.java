package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.Optional;
import net.sigsrv.infra.engine.Engine;
import net.sigsrv.infra.engine.Mode;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.render.PlanText;

/**
 * The part {@code apply} and {@code destroy} share once they hold the lock and a plan: show it, stop when there is
 * nothing to do, ask, apply with progress on stderr, report. {@link Mode#APPLY} refuses a plan with blocked changes;
 * {@link Mode#DESTROY} keeps the protected instances and what they need, and its last line says so
 * ({@link DestroyReport}).
 */
final class PlanRun {

    private PlanRun() {
    }

    static int showAskApply(Mode mode, Plan plan, Engine engine, int parallelism, boolean autoApprove,
                            PrintWriter out, PrintWriter err) throws Exception {
        boolean destroy = mode == Mode.DESTROY;
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
            throw InfraException.invalidInput(mode.title().toLowerCase() + " cancelled; nothing was changed");
        }
        out.println();
        WalkResult<Change> result = engine.apply(plan, parallelism, new ApplyProgress(err));
        return destroy ? DestroyReport.print(plan, Optional.of(result), out) : ApplyCommand.report(result, out, mode);
    }
}
