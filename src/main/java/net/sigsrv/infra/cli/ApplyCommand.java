package net.sigsrv.infra.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.Applier;
import net.sigsrv.infra.apply.LabLock;
import net.sigsrv.infra.apply.Observer;
import net.sigsrv.infra.apply.Planner;
import net.sigsrv.infra.graph.Outcome;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.PlanFile;
import net.sigsrv.infra.plan.render.PlanText;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "apply",
        mixinStandardHelpOptions = true,
        header = "Make the lab match the spec in one pass: plan, show, confirm, apply.",
        description = "Takes the lab-wide lock, plans (as 'infra plan'), shows the plan and asks for 'yes' (or"
                + " --auto-approve), then applies the changes in dependency order with bounded parallelism: per-member"
                + " parts before global objects, projects before their profiles and instances, pools before volumes,"
                + " volumes and networks before the instances using them. A failed step skips only what depends on"
                + " it; the summary names the root errors. Progress goes to stderr. Every object created carries the"
                + " lab's ownership mark in the request that creates it. The lab is the only state.")
final class ApplyCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The lab spec (YAML), or a plan saved by 'infra plan -out'.")
    Path file;

    @Option(names = "--auto-approve", description = "Apply without asking.")
    boolean autoApprove;

    @Option(names = "--parallelism", paramLabel = "N", description = "Changes applied at once (default: 10).")
    int parallelism = 10;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS",
            description = "How long to wait for another apply to finish (default: 10).")
    int lockTimeout = 10;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        if (parallelism < 1 || parallelism > 64) {
            throw InfraException.invalidInput("--parallelism must be between 1 and 64, got " + parallelism);
        }
        var out = command.commandLine().getOut();
        var err = command.commandLine().getErr();
        if (Files.isRegularFile(file) && PlanFile.looksLikePlan(Files.readString(file, StandardCharsets.UTF_8))) {
            return applySaved(out, err);
        }
        Spec spec = SpecInput.load(file, err);
        try (IncusClient client = Connections.open(command);
             LabLock lock = LabLock.acquire(client, spec.lab(), holder(), Duration.ofSeconds(lockTimeout))) {
            Planner.Planned planned = Planner.plan(spec, client);
            Plan plan = planned.plan();
            out.print(new PlanText(Terminal.colour()).render(plan));
            out.flush();
            if (!plan.blocked().isEmpty()) {
                throw InfraException.invalidInput(plan.blocked().size() + " change(s) blocked (see BLOCKED above);"
                        + " nothing was applied");
            }
            if (!plan.hasChanges()) {
                return ExitCode.OK.code();
            }
            if (!autoApprove && !confirm(out)) {
                throw InfraException.invalidInput("apply cancelled; nothing was changed");
            }
            out.println();
            WalkResult<Change> result = Applier.apply(plan, client, planned.observed().members(), parallelism,
                    new ApplyProgress(err));
            return report(result, out, "Apply");
        } catch (Planner.UnknownHosts | LabLock.Held e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }

    /** Applies a saved plan, but only to the lab it was made from, unchanged since. */
    private int applySaved(PrintWriter out, PrintWriter err) throws IOException {
        PlanFile.Saved saved;
        try {
            saved = PlanFile.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException | IllegalArgumentException e) {
            throw InfraException.invalidInput(file + ": not a readable saved plan: " + e.getMessage());
        }
        Plan plan = saved.plan();
        try (IncusClient client = Connections.open(command);
             LabLock lock = LabLock.acquire(client, plan.lab(), holder(), Duration.ofSeconds(lockTimeout))) {
            String now = new Observer(client).observe(plan.lab())
                    .fingerprint(plan.changes().stream().map(Change::address).toList());
            if (!now.equals(plan.observedFingerprint())) {
                throw InfraException.invalidInput("the lab has changed since " + file + " was planned; nothing was"
                        + " applied. Run 'infra plan -out " + file + "' again.");
            }
            out.print(new PlanText(Terminal.colour()).render(plan));
            if (!plan.blocked().isEmpty()) {
                throw InfraException.invalidInput(plan.blocked().size() + " change(s) blocked; nothing was applied");
            }
            if (!plan.hasChanges()) {
                return ExitCode.OK.code();
            }
            out.println();
            return report(Applier.apply(plan, client, saved.members(), parallelism, new ApplyProgress(err)), out,
                    "Apply");
        } catch (LabLock.Held e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }

    static int report(WalkResult<Change> result, PrintWriter out, String what) {
        long added = count(result, Action.CREATE);
        long changed = count(result, Action.UPDATE) + count(result, Action.REPLACE);
        long destroyed = count(result, Action.DELETE);
        if (result.ok()) {
            out.println(what + " complete! Resources: " + added + " added, " + changed + " changed, " + destroyed
                    + " destroyed.");
            return ExitCode.OK.code();
        }
        out.println(what + " failed: " + result.rootErrors().size() + " error(s), " + result.skipped().size()
                + " change(s) skipped because of them; " + added + " added, " + changed + " changed, " + destroyed
                + " destroyed.");
        for (Outcome.Failed<Change> f : result.rootErrors()) {
            out.println("  ✗ " + f.node().address() + ": " + f.error().getMessage());
        }
        out.println("Fix the cause and run apply again: it continues from where the lab is now.");
        return ExitCode.LAB_ERROR.code();
    }

    private static long count(WalkResult<Change> result, Action action) {
        return result.outcomes().values().stream()
                .filter(o -> o instanceof Outcome.Succeeded<Change> && o.node().action() == action).count();
    }

    static boolean confirm(PrintWriter out) throws Exception {
        out.print("\nDo you want to perform these actions? Only 'yes' will be accepted: ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return "yes".equals(answer == null ? null : answer.strip());
    }

    static String holder() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name") + "@" + host + " (pid " + ProcessHandle.current().pid() + ")";
    }
}
