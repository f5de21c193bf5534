package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log as a user meets it, on the simulator: each line names the object and the keys a command changed
 * (never their values) and the command an exec ran (masked); a command whose line cannot be written changes
 * nothing and fails.
 */
class AuditCliTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path sim;
    private Path audit;

    /** The embedded simulator saves its state in the background: stopped before the directory goes. */
    @AfterEach
    void stopTheSimulator() throws Exception {
        if (sim != null && java.nio.file.Files.isDirectory(sim)) {
            net.sigsrv.infra.sim.Sim.stopEmbedded(sim);
        }
    }

    @BeforeEach
    void labWithOneInstance() throws Exception {
        sim = dir.resolve("sim");
        audit = dir.resolve("audit.jsonl");
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                lab: audit
                hosts:
                  - name: sigsrv
                    address: https://sigsrv.local:8443
                storage:
                  - name: fast
                    driver: dir
                instances:
                  - name: web
                    image: images:debian/12
                    root: {pool: fast, size: 1GiB}
                    cpu: 2
                """);
        Cli.Result apply = Cli.sim(sim, "apply", "--audit-log", audit.toString(), "--auto-approve", spec.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
    }

    @Test
    void linesNameTheObjectAndTheChangedKeysButNoValue() throws Exception {
        JsonNode created = last("POST", "/1.0/instances");
        assertThat(created.path("name").asText()).isEqualTo("web");
        assertThat(texts(created.path("keys"))).contains("config.limits.cpu", "devices.root");

        Cli.Result set = Cli.sim(sim, "instance", "config", "set", "web", "user.api_token", "s3cr3t-value-42",
                "--audit-log", audit.toString());
        assertThat(set.exitCode()).as(set.all()).isZero();
        JsonNode put = last("PUT", "/1.0/instances/web");
        assertThat(texts(put.path("keys"))).containsExactly("config.user.api_token");
        assertThat(Files.readString(audit)).doesNotContain("s3cr3t");
    }

    @Test
    void anExecIsRecordedWithItsCommandMasked() throws Exception {
        Cli.Result exec = Cli.sim(sim, "instance", "exec", "web", "--audit-log", audit.toString(), "--", "psql",
                "--password", "hunter2hunter2", "-c", "select 1");
        JsonNode line = last("POST", "/1.0/instances/web/exec");
        assertThat(texts(line.path("argv"))).as(exec.all())
                .containsExactly("psql", "--password", "[REDACTED]", "-c", "select 1");
        assertThat(Files.readString(audit)).doesNotContain("hunter2");
    }

    @Test
    void aChangeWhoseLineCannotBeWrittenIsNotMade() throws Exception {
        Path target = Files.writeString(dir.resolve("elsewhere.jsonl"), "");
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), target);
        Cli.Result linked = Cli.sim(sim, "instance", "config", "set", "web", "user.note", "changed",
                "--audit-log", link.toString());
        assertThat(linked.exitCode()).as(linked.all()).isEqualTo(2);
        assertThat(linked.err()).contains("refusing to change anything: cannot write the audit log " + link
                + ": it is a symbolic link, and infra does not write through one");
        assertThat(Files.readString(target)).isEmpty();
        Path more = Files.writeString(dir.resolve("more.yaml"), Files.readString(dir.resolve("lab.yaml"))
                + """
                  - name: api
                    image: images:debian/12
                    root: {pool: fast, size: 1GiB}
                """);
        Cli.Result apply = Cli.sim(sim, "apply", "--audit-log", link.toString(), "--auto-approve", more.toString());
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(2);
        assertThat(apply.err()).contains("refusing to change anything: cannot write the audit log " + link);
        assertThat(Cli.sim(sim, "instances").out()).contains("web").doesNotContain("api");

        Path blocked = Files.writeString(dir.resolve("not-a-dir"), "");
        Cli.Result unwritable = Cli.sim(sim, "instance", "config", "set", "web", "user.note", "changed",
                "--audit-log", blocked.resolve("audit.jsonl").toString());
        assertThat(unwritable.exitCode()).as(unwritable.all()).isEqualTo(2);
        assertThat(unwritable.err()).contains("refusing to change anything: cannot write the audit log");

        Cli.Result show = Cli.sim(sim, "instance", "show", "web");
        assertThat(show.out()).as("nothing was changed").doesNotContain("user.note");
    }

    private JsonNode last(String action, String object) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (String l : Files.readAllLines(audit)) {
            JsonNode n = JSON.readTree(l);
            if (n.path("action").asText().equals(action) && n.path("object").asText().equals(object)) {
                found.add(n);
            }
        }
        assertThat(found).as("%s %s in%n%s", action, object, Files.readString(audit)).isNotEmpty();
        return found.getLast();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
