package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.time.Duration;
import net.sigsrv.infra.graph.Outcome;
import net.sigsrv.infra.graph.WalkListener;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Change;

/** Apply progress on stderr, OpenTofu-style: "Creating…", "Creation complete after 1s", "Still creating… [10s]". */
final class ApplyProgress implements WalkListener<Change> {

    private final PrintWriter err;

    ApplyProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(Change c) {
        err.println(c.address() + ": " + verb(c.action(), "ing") + "…");
        err.flush();
    }

    @Override
    public void succeeded(Change c, Duration d) {
        err.println(c.address() + ": " + noun(c.action()) + " complete after " + seconds(d));
        err.flush();
    }

    @Override
    public void failed(Change c, Throwable error, Duration d) {
        err.println(c.address() + ": failed after " + seconds(d) + ": " + error.getMessage());
        err.flush();
    }

    /** "upstream failed: X" names the failed change X by its address. */
    @Override
    public void skipped(Outcome.Skipped<Change> skipped) {
        String reason = skipped.failedRoot().map(root -> Outcome.Skipped.UPSTREAM_FAILED + root.address())
                .orElse(Outcome.Skipped.CANCELLED);
        err.println(skipped.node().address() + ": skipped (" + reason + ")");
        err.flush();
    }

    @Override
    public void stillRunning(Change c, Duration elapsed) {
        err.println(c.address() + ": Still " + verb(c.action(), "ing").toLowerCase() + "… [" + elapsed.toSeconds()
                + "s elapsed]");
        err.flush();
    }

    static String verb(Action a, String suffix) {
        String stem = switch (a) {
            case CREATE -> "Creat";
            case UPDATE -> "Modify";
            case REPLACE -> "Replac";
            case DELETE -> "Destroy";
            case NOOP -> "Check";
        };
        return a == Action.UPDATE ? "Modifying" : stem + suffix;
    }

    private static String noun(Action a) {
        return switch (a) {
            case CREATE -> "Creation";
            case UPDATE -> "Modifications";
            case REPLACE -> "Replacement";
            case DELETE -> "Destruction";
            case NOOP -> "Check";
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format("%.1fs", d.toMillis() / 1000.0) : d.toSeconds() + "s";
    }
}
