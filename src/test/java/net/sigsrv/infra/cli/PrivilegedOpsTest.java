package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.guard.PrivilegedRule;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.ops.Tarball;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Privileged and privileged-equivalent settings are refused by every ops path that gives an instance config —
 * launch (its own {@code -c} and its profiles'), config set, import — unless the spec declares the instance with
 * that very key and a reason; each refusal names the key and the rule, exits 2 and touches nothing. On the
 * simulator.
 */
class PrivilegedOpsTest {

    @TempDir
    Path dir;

    private Path audit() {
        return dir.resolve("audit.jsonl");
    }

    private Cli.Result sim(String... args) {
        List<String> all = new ArrayList<>(List.of("--audit-log", audit().toString()));
        all.addAll(List.of(args));
        return Cli.sim(dir.resolve("state"), all.toArray(String[]::new));
    }

    private IncusClient client() throws IOException {
        return IncusClient.connect(Sim.endpoint(dir.resolve("state")));
    }

    @AfterEach
    void stop() throws IOException {
        Sim.stopEmbedded(dir.resolve("state"));
    }

    private List<String> instances() {
        Cli.Result r = sim("instance", "list", "-o", "json");
        assertThat(r.exitCode()).as(r.all()).isZero();
        return List.of(r.out());
    }

    private List<String> auditLines() throws IOException {
        return Files.exists(audit()) ? Files.readAllLines(audit()) : List.of();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "YES", "On", "1", "TRUE"})
    void aLaunchWithAnySpellingOfTrueIsPrivilegedAndRefused(String yes) throws IOException {
        Cli.Result r = sim("instance", "launch", "busybox", "web", "-c", "security.privileged=" + yes);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("infra: refused: instance web in project default would be privileged"
                + " (security.privileged=" + yes + ") and no spec was given (--spec FILE, INFRA_SPEC or ./infra.yaml)."
                + " Rule " + PrivilegedRule.RULE + ". Nothing was changed. Declare the instance in the spec with"
                + " `privileged: true` and `reason: …`, then try again.\n");
        assertThat(instances()).noneMatch(s -> s.contains("\"web\""));
        assertThat(auditLines()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"raw.lxc=lxc.apparmor.profile=unconfined", "raw.idmap=both 0 0", "raw.apparmor=mount,",
        "raw.seccomp=2", "linux.kernel_modules=overlay", "security.syscalls.intercept.mknod=yes"})
    void aLaunchWithAPrivilegedEquivalentKeyIsRefusedNamingTheKey(String setting) throws IOException {
        String key = setting.substring(0, setting.indexOf('='));
        Cli.Result r = sim("instance", "launch", "busybox", "web", "-c", setting);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("infra: refused: instance web in project default would be"
                + " privileged-equivalent (" + key + ") and no spec was given (--spec FILE, INFRA_SPEC or"
                + " ./infra.yaml). Rule " + PrivilegedRule.EQUIVALENT_RULE + ". Nothing was changed. Declare the"
                + " instance in the spec with `config: {" + key + ": …}` and `reason: …`, then try again.\n");
        assertThat(instances()).noneMatch(s -> s.contains("\"web\""));
        assertThat(auditLines()).isEmpty();
    }

    @Test
    void aProfileCarryingSuchAKeyMakesEveryLaunchWithItRefused() throws IOException {
        try (IncusClient c = client()) {
            c.projects().createProfile("default", "rawmap", "", Map.of("raw.idmap", "both 1000 1000"), Map.of());
            c.projects().createProfile("default", "root", "", Map.of("security.privileged", "on"), Map.of());
        }
        Cli.Result r = sim("instance", "launch", "busybox", "web", "-p", "default", "-p", "rawmap");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).startsWith("infra: refused: instance web in project default would be"
                + " privileged-equivalent (raw.idmap from profile rawmap) and no spec was given");
        Cli.Result root = sim("instance", "launch", "busybox", "web", "-p", "default", "-p", "root");
        assertThat(root.exitCode()).as(root.all()).isEqualTo(2);
        assertThat(root.err()).startsWith("infra: refused: instance web in project default would be privileged"
                + " (security.privileged=on from profile root) and");
        Cli.Result off = sim("instance", "launch", "busybox", "web", "-p", "default", "-p", "root", "-c",
                "security.privileged=false", "--no-start");
        assertThat(off.exitCode()).as("the instance's own config overrides its profiles'\n%s", off.all()).isZero();
    }

    @Test
    void configSetRefusesEachKeyAndLeavesTheInstanceAsItWas() throws IOException {
        Cli.Result launched = sim("instance", "launch", "busybox", "web", "--no-start");
        assertThat(launched.exitCode()).as(launched.all()).isZero();
        for (String[] kv : List.of(new String[] {"security.privileged", "YES"},
                new String[] {"raw.lxc", "lxc.apparmor.profile=unconfined"},
                new String[] {"security.syscalls.intercept.mount.allowed", "ext4"})) {
            Cli.Result r = sim("instance", "config", "set", "web", kv[0], kv[1]);
            assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
            assertThat(r.err()).startsWith("infra: refused: instance web in project default would be")
                    .contains("(" + kv[0] + (kv[0].equals("security.privileged") ? "=YES" : "") + ")");
        }
        try (IncusClient c = client()) {
            assertThat(c.instances().get("default", "web").value().config()).doesNotContainKeys(
                    "security.privileged", "raw.lxc", "security.syscalls.intercept.mount.allowed");
        }
        assertThat(sim("instance", "config", "set", "web", "security.syscalls.intercept.mknod", "false").exitCode())
                .as("turning an intercept off is no privilege").isZero();
    }

    @Test
    void theSpecsReasonIsTheConsent_keyByKey() throws IOException {
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                lab: g
                hosts:
                  - name: sigsrv
                    socket: /var/lib/incus/unix.socket
                instances:
                  - name: builder
                    image: busybox
                    reason: runs an LXC hook that needs an unconfined profile
                    config:
                      raw.lxc: lxc.apparmor.profile=unconfined
                """);
        Cli.Result ok = sim("instance", "launch", "busybox", "builder", "--no-start", "-c",
                "raw.lxc=lxc.apparmor.profile=unconfined", "--spec", spec.toString());
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        Cli.Result other = sim("instance", "config", "set", "builder", "linux.kernel_modules", "overlay", "--spec",
                spec.toString());
        assertThat(other.exitCode()).isEqualTo(2);
        assertThat(other.err()).contains("would be privileged-equivalent (linux.kernel_modules) and " + spec
                + " does not allow it");
    }

    @Test
    void anImportWhoseBackupIsPrivilegedIsRefusedBeforeAnyUpload() throws IOException {
        Path backup = new Tarball().file("backup/index.yaml", Tarball.index("web", "security.privileged: \"Yes\""))
                .writeGz(dir.resolve("web.tar.gz"));
        Cli.Result r = sim("instance", "import", backup.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).startsWith("infra: refused: instance web in project default would be privileged"
                + " (security.privileged=Yes) and no spec was given");
        assertThat(auditLines()).as("nothing was uploaded").isEmpty();

        Path renamed = new Tarball().file("backup/index.yaml", Tarball.index("web", "limits.cpu: \"1\""))
                .file("backup/container/backup.yaml", "container:\n  config:\n    raw.lxc: lxc.cap.drop=\n")
                .writeGz(dir.resolve("web2.tar.gz"));
        Cli.Result equivalent = sim("instance", "import", renamed.toString(), "--name", "web2");
        assertThat(equivalent.exitCode()).as(equivalent.all()).isEqualTo(2);
        assertThat(equivalent.err()).startsWith("infra: refused: instance web2 in project default would be"
                + " privileged-equivalent (raw.lxc) and");
        assertThat(auditLines()).as("nothing was uploaded").isEmpty();
        assertThat(instances()).noneMatch(s -> s.contains("\"web\"") || s.contains("\"web2\""));

        Path clean = new Tarball().file("backup/index.yaml", Tarball.index("web", "limits.cpu: \"1\""))
                .writeGz(dir.resolve("clean.tar.gz"));
        sim("instance", "import", clean.toString());
        assertThat(String.join("\n", auditLines())).as("a clean backup does go up")
                .contains("\"action\":\"POST\"", "\"object\":\"/1.0/instances\"");
    }
}
