package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.LabLock;
import net.sigsrv.infra.engine.Engine;
import net.sigsrv.infra.engine.IncusLayer;
import net.sigsrv.infra.engine.Mode;
import net.sigsrv.infra.engine.Planned;
import net.sigsrv.infra.graph.Outcome;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.PlanFile;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Parameters(paramLabel = "FILE", description = "The lab spec (YAML), or a plan saved by 'infra plan -out': applied"
            + " only while its spec is unchanged and a plan made now from it has exactly the saved changes.")
    Path file;

    @Mixin
    ChangeOptions change = new ChangeOptions();

    @Option(names = "--wait-ipv4", paramLabel = "SECONDS", arity = "0..1", fallbackValue = "120",
            description = "Also wait, for every instance the apply starts, until it holds an IPv4 lease (DHCP), up to"
                    + " SECONDS (default when given without a value: 120), so addresses are known when apply ends."
                    + " An instance without a NIC is not waited for; one without a lease in time fails its step.")
    Integer waitIpv4;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        int parallelism = change.checkedParallelism();
        Optional<Duration> leaseWait = leaseWait();
        var out = command.commandLine().getOut();
        var err = command.commandLine().getErr();
        if (Files.isRegularFile(file)
                && PlanFile.looksLikePlan(new String(Files.readAllBytes(file), StandardCharsets.UTF_8))) {
            return applySaved(parallelism, leaseWait, out, err);
        }
        try (Connections.Opening opening = Connections.opening(command)) {
            Spec spec = SpecInput.load(file, err);
            IncusClient client = opening.client();
            try (LabLock lock = LabLock.acquire(client, spec.lab(), holder(), change.lockWait())) {
                Engine engine = Engine.of(new IncusLayer(client).waitingForIpv4(leaseWait));
                Planned planned = engine.plan(spec);
                return PlanRun.showAskApply(Mode.APPLY, planned.plan(), engine, parallelism, change.autoApprove, out,
                        err);
            }
        } catch (IncusLayer.UnknownHosts | LabLock.Held e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }

    private Optional<Duration> leaseWait() {
        if (waitIpv4 == null) {
            return Optional.empty();
        }
        if (waitIpv4 < 1 || waitIpv4 > 3600) {
            throw InfraException.invalidInput("--wait-ipv4 must be between 1 and 3600 seconds, got " + waitIpv4);
        }
        return Optional.of(Duration.ofSeconds(waitIpv4));
    }

    /**
     * Applies a saved plan: only while its spec is unchanged and a plan made now from that spec against the live
     * lab has exactly the saved changes — and then it applies the plan made now (see {@link SavedPlans}).
     */
    private int applySaved(int parallelism, Optional<Duration> leaseWait, PrintWriter out, PrintWriter err)
            throws Exception {
        PlanFile.Saved saved = SavedPlans.read(file);
        Spec spec = SavedPlans.spec(file, saved, err).spec();
        try (Connections.Opening opening = Connections.opening(command);
             LabLock lock = LabLock.acquire(opening.client(), spec.lab(), holder(), change.lockWait())) {
            Engine engine = Engine.of(new IncusLayer(opening.client()).waitingForIpv4(leaseWait));
            Planned now = engine.plan(spec);
            SavedPlans.requireSame(file, saved, now.plan());
            // a saved plan was approved when it was made: apply it as it is
            return PlanRun.showAskApply(Mode.APPLY, now.plan(), engine, parallelism, true, out, err);
        } catch (IncusLayer.UnknownHosts | LabLock.Held e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }

    static int report(WalkResult<Change> result, PrintWriter out, Mode mode) {
        String what = mode.title();
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
