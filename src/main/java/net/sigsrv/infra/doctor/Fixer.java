package net.sigsrv.infra.doctor;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.guard.AuditLog;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;

/**
 * {@code infra doctor --fix} without the CLI: the remedies of a report's root causes, run once asked. The
 * {@link Plan} says what would run (the caller shows it); {@link #run} asks the {@link Confirmation}, then makes the
 * daemon (API) fixes in order, then runs the host commands over the {@link HostShell} in order, each one recorded
 * in the audit log before the next. It stops at the first fix or command that fails and says which in its
 * {@link Outcome}; nothing runs unless the confirmation says yes, and nothing runs when any host command of the
 * plan could not be shown as it runs. Prints nothing: progress goes to the {@link Listener}.
 */
public final class Fixer {

    /**
     * What fixing a report would do: the root causes whose remedy is refused (to do by hand), the daemon fixes
     * (first), then the host commands in the order a fix must run them (see {@link Report#fixCommands()}).
     */
    public record Plan(List<Finding> refused, List<DaemonFix> daemonFixes, List<HostCommand> commands) {

        public Plan {
            refused = List.copyOf(refused);
            daemonFixes = List.copyOf(daemonFixes);
            commands = List.copyOf(commands);
        }

        public static Plan of(Report report) {
            return new Plan(report.roots().stream().filter(f -> f.remedy().isRefused()).toList(),
                    report.daemonFixes(), report.fixCommands());
        }

        /** Nothing to run: no daemon fix and no host command. */
        public boolean isEmpty() {
            return daemonFixes.isEmpty() && commands.isEmpty();
        }

        /**
         * The first host command that must not run, with why ({@link HostCommand#whyNotRunnable()}); the remedies
         * were checked when they were made, this is the last look before anything is shown to run.
         */
        public Optional<Outcome.Unrunnable> unrunnable() {
            for (HostCommand c : commands) {
                Optional<String> why = c.whyNotRunnable();
                if (why.isPresent()) {
                    return Optional.of(new Outcome.Unrunnable(c, why.get()));
                }
            }
            return Optional.empty();
        }
    }

    /** Asked once, after the plan was shown and before anything runs: false runs nothing. */
    @FunctionalInterface
    public interface Confirmation {
        boolean granted() throws IOException;
    }

    /** Opens a resource only when a fix needs it (the fixer closes it): a connection, an SSH client. */
    @FunctionalInterface
    public interface Opener<T extends AutoCloseable> {
        T open();
    }

    /** Each step as it ends, in order. */
    public interface Listener {
        /** A daemon fix was made; {@code done} is what it did, in words. */
        default void daemonFixDone(DaemonFix fix, String done) {
        }

        /** A daemon fix failed with the daemon's message; nothing after it runs. */
        default void daemonFixFailed(DaemonFix fix, IncusException failure) {
        }

        /** A host command ran (and was audited); a failed one is the last. */
        default void commandRan(HostCommand command, HostShell.Result result) {
        }
    }

    /** How a fix ended. Only {@link Fixed} means every step ran and succeeded. */
    public sealed interface Outcome {
        /** The plan had nothing to run. */
        record NothingToFix() implements Outcome {
        }

        /** A host command of the plan must not run (see {@link Plan#unrunnable()}); nothing was run. */
        record Unrunnable(HostCommand command, String why) implements Outcome {
        }

        /** The confirmation said no; nothing was run. */
        record Cancelled() implements Outcome {
        }

        /** This daemon fix failed; the ones before it were made, nothing after it was run. */
        record DaemonFixFailed(DaemonFix fix, IncusException failure) implements Outcome {
        }

        /** This host command failed; the lab is as the steps before it left it, nothing after it was run. */
        record CommandFailed(HostCommand command, HostShell.Result result) implements Outcome {
        }

        /** Every daemon fix and every host command ran and succeeded. */
        record Fixed() implements Outcome {
        }
    }

    private final Opener<? extends IncusClient> daemon;
    private final Opener<? extends HostShell> shell;
    private final AuditLog audit;
    private final Listener listener;

    /**
     * @param daemon   opens the connection the daemon fixes are made through (opened only when the plan has one)
     * @param shell    opens the host shell (opened only when the plan has host commands, after the daemon fixes)
     * @param audit    where each host command is recorded; a command that could not be recorded is not run
     *                 ({@link AuditLog#check()} throws before it)
     * @param listener told of each step as it ends
     */
    public Fixer(Opener<? extends IncusClient> daemon, Opener<? extends HostShell> shell, AuditLog audit,
                 Listener listener) {
        this.daemon = daemon;
        this.shell = shell;
        this.audit = audit;
        this.listener = listener;
    }

    /** Runs the plan once {@code confirmation} grants it; see the class comment. */
    public Outcome run(Plan plan, Confirmation confirmation) throws IOException {
        if (plan.isEmpty()) {
            return new Outcome.NothingToFix();
        }
        Optional<Outcome.Unrunnable> unrunnable = plan.unrunnable();
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        if (!confirmation.granted()) {
            return new Outcome.Cancelled();
        }
        if (!plan.daemonFixes().isEmpty()) {
            try (IncusClient client = daemon.open()) {
                for (DaemonFix d : plan.daemonFixes()) {
                    try {
                        listener.daemonFixDone(d, DaemonFixes.run(client, d));
                    } catch (IncusException e) {
                        listener.daemonFixFailed(d, e);
                        return new Outcome.DaemonFixFailed(d, e);
                    }
                }
            }
        }
        if (!plan.commands().isEmpty()) {
            try (HostShell host = shell.open()) {
                for (HostCommand c : plan.commands()) {
                    audit.check(); // a command that could not be recorded is not run
                    Instant started = Instant.now();
                    HostShell.Result r = host.run(c);
                    audit.hostCommand(started, c.host(), c.text(), r.exitStatus(),
                            Duration.between(started, Instant.now()));
                    listener.commandRan(c, r);
                    if (!r.ok()) {
                        return new Outcome.CommandFailed(c, r);
                    }
                }
            }
        }
        return new Outcome.Fixed();
    }
}
