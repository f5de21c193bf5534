package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No ops command writes infra's own marks ({@code user.sigsrv-infra.*}) by hand: an ownership mark set with
 * {@code config set} would hand an object to another lab (whose destroy then deletes it), and a lock key set or
 * cleared by hand would forge or break the lab lock behind the compare-and-swap. Each such write is refused before
 * anything is sent, with the command that does the job. On the simulator.
 */
class ReservedKeysOpsTest {

    @TempDir
    Path dir;

    private Cli.Result sim(String... args) {
        List<String> all = new ArrayList<>(List.of("--audit-log", dir.resolve("audit.jsonl").toString()));
        all.addAll(List.of(args));
        return Cli.sim(dir.resolve("state"), all.toArray(String[]::new));
    }

    @AfterEach
    void stop() throws IOException {
        Sim.stopEmbedded(dir.resolve("state"));
    }

    private static void refused(Cli.Result r, String key, String object) {
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("infra: refused: config key " + key + " of " + object + " is reserved for"
                + " infra's own marks (user.sigsrv-infra.*). Nothing was changed. Use `infra adopt` or `infra forget`"
                + " to change which lab owns an object, and `infra unlock` to break a stale lab lock.\n");
    }

    @Test
    void anOwnershipMarkOrLockIsNeverWrittenByHand() throws IOException {
        Cli.Result launched = sim("instance", "launch", "busybox", "web", "--no-start");
        assertThat(launched.exitCode()).as(launched.all()).isZero();
        long auditBefore = Files.readAllLines(dir.resolve("audit.jsonl")).size();

        refused(sim("instance", "config", "set", "web", "user.sigsrv-infra.lab", "other"),
                "user.sigsrv-infra.lab", "instance web in project default");
        refused(sim("instance", "launch", "busybox", "db", "-c", "User.Sigsrv-Infra.lab=other"),
                "User.Sigsrv-Infra.lab", "instance db in project default");
        refused(sim("project", "set", "default", "user.sigsrv-infra.lock.lab", "me"),
                "user.sigsrv-infra.lock.lab", "project default");
        refused(sim("project", "create", "p9", "-c", "user.sigsrv-infra.lab=other"),
                "user.sigsrv-infra.lab", "project p9");

        try (IncusClient c = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            assertThat(c.instances().get("default", "web").value().config()).doesNotContainKey(
                    "user.sigsrv-infra.lab");
            assertThat(c.projects().get("default").value().config()).doesNotContainKey("user.sigsrv-infra.lock.lab");
        }
        assertThat(sim("instance", "list", "-o", "json").out()).doesNotContain("\"db\"");
        assertThat(sim("project", "list", "-o", "json").out()).doesNotContain("\"p9\"");
        assertThat(Files.readAllLines(dir.resolve("audit.jsonl"))).as("nothing was sent").hasSize((int) auditBefore);

        Cli.Result ordinary = sim("instance", "config", "set", "web", "user.note", "kept");
        assertThat(ordinary.exitCode()).as("other user.* keys are the operator's\n%s", ordinary.all()).isZero();
    }
}
