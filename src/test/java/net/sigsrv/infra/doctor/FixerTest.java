package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.guard.AuditLog;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.RequestListener;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doctor --fix} called as a library, without the CLI: a fake shell records what it is asked to run. The
 * flow: nothing runs unless confirmed, every command is audited as it runs, the first failure stops the rest.
 */
class FixerTest {

    @TempDir
    Path dir;

    /** Records each command's argument list; answers with the exit status scripted for its program's last word. */
    private static final class FakeShell implements HostShell {
        final List<List<String>> ran = new ArrayList<>();
        final Map<String, Integer> exitOf;
        boolean closed;

        FakeShell(Map<String, Integer> exitOf) {
            this.exitOf = exitOf;
        }

        @Override
        public Result run(HostCommand command) {
            ran.add(command.argv());
            int status = exitOf.getOrDefault(command.argv().getLast(), 0);
            return new Result(status, status == 0 ? "" : "RTNETLINK answers: Operation not permitted");
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** What the listener was told, one line per step. */
    private static final class Steps implements Fixer.Listener {
        final List<String> told = new ArrayList<>();

        @Override
        public void daemonFixDone(DaemonFix fix, String done) {
            told.add("done " + fix.network());
        }

        @Override
        public void daemonFixFailed(DaemonFix fix, IncusException failure) {
            told.add("failed " + fix.network());
        }

        @Override
        public void commandRan(HostCommand command, HostShell.Result result) {
            told.add(command.host() + " " + command.argv().getLast() + " " + result.exitStatus());
        }
    }

    private static final Fixer.Opener<IncusClient> NO_DAEMON = () -> {
        throw new AssertionError("no daemon fix in the plan: the daemon is not to be opened");
    };

    /** Three root causes on two members; the address must go before the link comes up, the link before the MTU. */
    private static Report threeRoots() {
        Finding up = Finding.of(Check.VLAN_UP, "sigsrv", "user0").network("userbr0")
                .remedy(Remedy.run("bring it up", HostCommand.of("sigsrv", "ip", "link", "set", "dev", "user0", "up")))
                .error("user0 is down");
        Finding address = Finding.of(Check.VLAN_UNCONFIGURED, "sigsrv", "user0").network("userbr0")
                .remedy(Remedy.run("flush it", HostCommand.of("sigsrv", "ip", "addr", "del", "10.9.9.9/24", "dev",
                        "user0")))
                .error("user0 has an address");
        Finding mtu = Finding.of(Check.VLAN_MTU, "minisrv", "user0").network("userbr0")
                .remedy(Remedy.run("set the MTU", HostCommand.of("minisrv", "ip", "link", "set", "dev", "user0", "mtu",
                        "1500")))
                .error("user0 has MTU 1400");
        return new Report(List.of(up, address, mtu), Duration.ZERO, 0);
    }

    private Fixer fixer(FakeShell shell, Path audit, Steps steps) {
        return new Fixer(NO_DAEMON, () -> shell, new AuditLog(audit, new AuditLog.Actor("tester", null), "lab"),
                steps);
    }

    private static List<JsonNode> auditLines(Path audit) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(audit)) {
            for (String line : Files.readAllLines(audit)) {
                out.add(new ObjectMapper().readTree(line));
            }
        }
        return out;
    }

    @Test
    void runsEveryCommandInFixOrderAndAuditsEachAsItRuns() throws IOException {
        FakeShell shell = new FakeShell(Map.of());
        Steps steps = new Steps();
        Path audit = dir.resolve("audit.jsonl");
        Fixer.Plan plan = Fixer.Plan.of(threeRoots());

        Fixer.Outcome outcome = fixer(shell, audit, steps).run(plan, () -> true);

        assertThat(outcome).isEqualTo(new Fixer.Outcome.Fixed());
        assertThat(shell.ran).containsExactly(
                List.of("ip", "addr", "del", "10.9.9.9/24", "dev", "user0"),
                List.of("ip", "link", "set", "dev", "user0", "up"),
                List.of("ip", "link", "set", "dev", "user0", "mtu", "1500"));
        assertThat(shell.closed).as("the fixer closes the shell it opened").isTrue();
        assertThat(steps.told).containsExactly("sigsrv user0 0", "sigsrv up 0", "minisrv 1500 0");
        assertThat(auditLines(audit)).extracting(j -> j.get("action").asText() + " " + j.get("member").asText()
                        + " " + j.get("object").asText() + " " + j.get("result").asText())
                .containsExactly("SSH sigsrv ip addr del 10.9.9.9/24 dev user0 success",
                        "SSH sigsrv ip link set dev user0 up success",
                        "SSH minisrv ip link set dev user0 mtu 1500 success");
    }

    @Test
    void stopsAtTheFirstFailedCommandWithItAudited() throws IOException {
        FakeShell shell = new FakeShell(Map.of("up", 2));
        Steps steps = new Steps();
        Path audit = dir.resolve("audit.jsonl");

        Fixer.Outcome outcome = fixer(shell, audit, steps).run(Fixer.Plan.of(threeRoots()), () -> true);

        HostCommand up = HostCommand.of("sigsrv", "ip", "link", "set", "dev", "user0", "up");
        assertThat(outcome).isEqualTo(new Fixer.Outcome.CommandFailed(up,
                new HostShell.Result(2, "RTNETLINK answers: Operation not permitted")));
        assertThat(shell.ran).as("the MTU command after it never runs").hasSize(2).last().isEqualTo(up.argv());
        assertThat(steps.told).containsExactly("sigsrv user0 0", "sigsrv up 2");
        assertThat(auditLines(audit)).hasSize(2).last().satisfies(j -> {
            assertThat(j.get("object").asText()).isEqualTo(up.text());
            assertThat(j.get("result").asText()).isEqualTo("failure");
            assertThat(j.get("status").asInt()).isEqualTo(2);
        });
    }

    @Test
    void nothingRunsOrIsOpenedWhenNotConfirmed() throws IOException {
        Steps steps = new Steps();
        Path audit = dir.resolve("audit.jsonl");
        Fixer fixer = new Fixer(NO_DAEMON, () -> {
            throw new AssertionError("not confirmed: no shell is opened");
        }, new AuditLog(audit, new AuditLog.Actor("tester", null), "lab"), steps);

        assertThat(fixer.run(Fixer.Plan.of(threeRoots()), () -> false)).isEqualTo(new Fixer.Outcome.Cancelled());
        assertThat(steps.told).isEmpty();
        assertThat(audit).doesNotExist();
    }

    @Test
    void aCommandThatCannotBeShownAsItRunsStopsEverythingBeforeTheQuestion() throws IOException {
        FakeShell shell = new FakeShell(Map.of());
        HostCommand hidden = HostCommand.of("sigsrv", "ip", "link", "set", "dev", "a\u001b[2Kb", "up");
        Fixer.Plan plan = new Fixer.Plan(List.of(), List.of(),
                List.of(HostCommand.of("sigsrv", "ip", "link", "set", "dev", "user0", "up"), hidden));
        assertThat(plan.unrunnable()).isPresent();

        Fixer.Outcome outcome = fixer(shell, dir.resolve("audit.jsonl"), new Steps()).run(plan, () -> {
            throw new AssertionError("a plan that must not run is not offered");
        });

        assertThat(outcome).isInstanceOfSatisfying(Fixer.Outcome.Unrunnable.class,
                u -> assertThat(u.command()).isEqualTo(hidden));
        assertThat(shell.ran).isEmpty();
    }

    @Test
    void aCommandThatCannotBeAuditedIsNotRun() throws IOException {
        FakeShell shell = new FakeShell(Map.of());
        Path notADirectory = Files.writeString(dir.resolve("file"), "");

        assertThatThrownBy(() -> fixer(shell, notADirectory.resolve("audit.jsonl"), new Steps())
                .run(Fixer.Plan.of(threeRoots()), () -> true)).isInstanceOf(RequestListener.Refused.class);
        assertThat(shell.ran).isEmpty();
        assertThat(shell.closed).isTrue();
    }

    @Test
    void anEmptyPlanAsksNothingAndRunsNothing() throws IOException {
        Report healthy = new Report(List.of(Finding.of(Check.VLAN_UP, "sigsrv", "user0").ok("user0 is up")),
                Duration.ZERO, 0);
        Fixer.Plan plan = Fixer.Plan.of(healthy);
        assertThat(plan.isEmpty()).isTrue();
        Fixer fixer = new Fixer(NO_DAEMON, () -> {
            throw new AssertionError("nothing to run: no shell is opened");
        }, new AuditLog(dir.resolve("audit.jsonl"), new AuditLog.Actor("tester", null), "lab"), new Steps());
        assertThat(fixer.run(plan, () -> {
            throw new AssertionError("nothing to confirm");
        })).isEqualTo(new Fixer.Outcome.NothingToFix());
    }

    /** A daemon fix runs before any host command; when it fails (here: no such network), no command runs. */
    @Test
    void aFailedDaemonFixStopsBeforeAnyHostCommand() throws IOException {
        Path state = dir.resolve("sim");
        try {
            Finding dns = Finding.of(Check.DHCP_DNS, "sigsrv", "nosuchbr0").network("nosuchbr0")
                    .remedy(Remedy.daemon("restart it", DaemonFix.restartDhcpDns("nosuchbr0")))
                    .error("no DHCP/DNS server");
            List<Finding> findings = new ArrayList<>(threeRoots().findings());
            findings.add(dns);
            Fixer.Plan plan = Fixer.Plan.of(new Report(findings, Duration.ZERO, 0));
            FakeShell shell = new FakeShell(Map.of());
            Steps steps = new Steps();
            Path audit = dir.resolve("audit.jsonl");
            var sim = Sim.endpoint(state);
            Fixer fixer = new Fixer(() -> IncusClient.connect(sim), () -> shell,
                    new AuditLog(audit, new AuditLog.Actor("tester", null), "lab"), steps);

            Fixer.Outcome outcome = fixer.run(plan, () -> true);

            assertThat(outcome).isInstanceOfSatisfying(Fixer.Outcome.DaemonFixFailed.class,
                    f -> assertThat(f.fix().network()).isEqualTo("nosuchbr0"));
            assertThat(steps.told).containsExactly("failed nosuchbr0");
            assertThat(shell.ran).isEmpty();
            assertThat(auditLines(audit)).as("no host command was recorded").isEmpty();
        } finally {
            Sim.stopEmbedded(state);
        }
    }
}
