package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.sigsrv.infra.graph.Outcome;
import net.sigsrv.infra.graph.Status;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Plan;

/**
 * How {@code infra destroy} ends. A failed delete is listed with what was not deleted because it waited for it;
 * the last line always says how many objects were destroyed and what was kept and why (a protected instance and
 * what it needs: the plan's BLOCKED changes), e.g. {@code Destroy complete! 12 destroyed; kept 3 (protected
 * instance p1/db and what it needs: volume p1/nvme/data, project p1).}
 */
final class DestroyReport {

    private DestroyReport() {
    }

    /** Prints the end of a destroy that ran {@code result} (empty: nothing was left to delete); the exit code. */
    static int print(Plan plan, Optional<WalkResult<Change>> result, PrintWriter out) {
        long destroyed = result.map(r -> r.nodes(Status.SUCCEEDED).stream()
                .filter(c -> c.action() == Action.DELETE).count()).orElse(0L);
        String kept = kept(plan.blocked());
        if (result.isEmpty() || result.get().ok()) {
            out.println("Destroy complete! " + destroyed + " destroyed" + kept + ".");
            return ExitCode.OK.code();
        }
        WalkResult<Change> r = result.get();
        for (Outcome.Failed<Change> f : r.rootErrors()) {
            out.println("  ✗ " + f.node().address() + ": " + f.error().getMessage());
        }
        for (Outcome.Skipped<Change> s : r.skipped()) {
            out.println("  - " + s.node().address() + ": not destroyed, "
                    + s.failedRoot().map(root -> "it waits for " + root.address()).orElse("cancelled"));
        }
        int failed = r.rootErrors().size();
        out.println("Destroy failed: " + destroyed + " destroyed, " + failed + " failed, " + r.skipped().size()
                + " not tried as " + (r.skipped().size() == 1 ? "it depends" : "they depend") + " on "
                + (failed == 1 ? "it" : "them") + kept + ". Fix the error" + (failed == 1 ? "" : "s")
                + " above, then run destroy again: it deletes what is left.");
        return ExitCode.LAB_ERROR.code();
    }

    /**
     * "; kept N (protected instance p1/db and what it needs: …)", or "" when nothing is kept. What an instance
     * needs is listed from the instance outwards (volumes and profiles first, the project last).
     */
    private static String kept(List<Change> blocked) {
        if (blocked.isEmpty()) {
            return "";
        }
        List<Address> instances = blocked.stream().map(Change::address).filter(a -> a.kind() == Kind.INSTANCE)
                .sorted().toList();
        List<Address> needed = blocked.stream().map(Change::address).filter(a -> a.kind() != Kind.INSTANCE)
                .sorted(Comparator.comparing(Address::kind, Kind.ORDER).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
        String why;
        if (instances.isEmpty()) {
            why = "blocked: " + names(needed);
        } else {
            boolean one = instances.size() == 1;
            why = "protected instance" + (one ? " " : "s ") + instances.stream().map(DestroyReport::path)
                    .collect(Collectors.joining(", "))
                    + (needed.isEmpty() ? "" : " and what " + (one ? "it needs" : "they need") + ": " + names(needed));
        }
        return "; kept " + blocked.size() + " (" + why + ")";
    }

    private static String names(List<Address> addresses) {
        return addresses.stream().map(DestroyReport::name).collect(Collectors.joining(", "));
    }

    /** {@code volume p1/nvme/data} for {@code volume.p1/nvme/data}. */
    private static String name(Address a) {
        return a.kind().label() + " " + path(a);
    }

    /** {@code p1/nvme/data} for {@code volume.p1/nvme/data}. */
    private static String path(Address a) {
        return a.toString().substring(a.kind().label().length() + 1);
    }
}
