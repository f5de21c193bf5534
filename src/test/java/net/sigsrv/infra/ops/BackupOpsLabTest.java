package net.sigsrv.infra.ops;

import net.sigsrv.infra.incus.Poll;
import static net.sigsrv.infra.ops.OpsLab.json;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.api.Instance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups on the real lab: export → delete → import gives back the same config and files; a volume snapshot copied
 * to another pool and to another volume holds the snapshot's data; a schedule from a profile makes snapshots.
 */
@Tag("lab")
class BackupOpsLabTest {

    @Test
    void exportDeleteImportRestoresConfigAndFiles(@TempDir Path dir) throws Exception {
        try (OpsLab lab = new OpsLab()) {
            String c = "opsb-" + lab.token;
            lab.forceDeleteInstance("default", c);
            ok("instance", "launch", Lab.imageAlias(), c, "--target", Lab.second(), "-c", "user.role=backup-test");
            ok("instance", "exec", c, "--", "sh", "-c", "echo precious > /root/keep.txt");
            Instance before = lab.client.instances().get("default", c).value();

            Path file = dir.resolve("backups").resolve(c + ".tar.gz");
            Cli.Result export = ok("instance", "export", c, file.toString());
            assertThat(export.out()).startsWith("Exported " + c + " to " + file);
            assertThat(export.err()).contains("export " + c + ": the daemon is making the backup");
            assertThat(Files.size(file)).isGreaterThan(100_000);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(lab.client.instances().backups("default", c)).as("the daemon's copy is gone").isEmpty();

            ok("instance", "delete", c, "--force");
            assertThat(lab.client.instances().list("default")).noneMatch(i -> i.name().equals(c));

            ok("instance", "import", file.toString(), "--target", Lab.second());
            Instance after = lab.client.instances().get("default", c).value();
            assertThat(after.location()).isEqualTo(Lab.second());
            assertThat(userAndSecurityKeys(after)).isEqualTo(userAndSecurityKeys(before))
                    .containsEntry("user.role", "backup-test");
            assertThat(after.devices()).isEqualTo(before.devices());
            assertThat(after.profiles()).isEqualTo(before.profiles());
            ok("instance", "start", c);
            assertThat(ok("instance", "exec", c, "--", "cat", "/root/keep.txt").out()).isEqualTo("precious\n");
        }
    }

    @Test
    void aVolumeSnapshotIsCopiedToAnotherPoolAndVolume() {
        try (OpsLab lab = new OpsLab()) {
            String c = "opss-" + lab.token;
            String vol = "opsv-" + lab.token;
            String toPool = vol + "-restored";
            String toVolume = vol + "-copy";
            lab.forceDeleteInstance("default", c);
            lab.undo(() -> lab.client.storage().deleteVolume("default", "small", vol, Lab.first()));
            lab.undo(() -> lab.client.storage().deleteVolume("default", "default", toPool, Lab.first()));
            lab.undo(() -> lab.client.storage().deleteVolume("default", "small", toVolume, Lab.first()));
            ok("storage", "volume", "create", "small", vol, "--size", "64MiB", "--target", Lab.first());
            ok("instance", "launch", Lab.imageAlias(), c, "--target", Lab.first());
            ok("storage", "volume", "attach", "small", vol, c, "/srv/v");
            ok("instance", "exec", c, "--", "sh", "-c", "echo version-1 > /srv/v/f; sync");

            ok("storage", "volume", "snapshot", "create", "small", vol, "s1");
            ok("instance", "exec", c, "--", "sh", "-c", "echo version-2 > /srv/v/f; sync");
            assertThat(ok("storage", "volume", "snapshot", "list", "small", vol).out()).contains("s1");
            assertThat(json(ok("storage", "volume", "snapshot", "list", "small", vol, "-o", "json"))
                    .at("/0/name").asText()).isEqualTo("s1");

            ok("storage", "volume", "copy", "small/" + vol + "/s1", "default/" + toPool);
            ok("storage", "volume", "copy", "small/" + vol + "/s1", "small/" + toVolume);
            ok("storage", "volume", "attach", "default", toPool, c, "/srv/restored");
            ok("storage", "volume", "attach", "small", toVolume, c, "/srv/copy");
            assertThat(ok("instance", "exec", c, "--", "cat", "/srv/v/f", "/srv/restored/f", "/srv/copy/f").out())
                    .isEqualTo("version-2\nversion-1\nversion-1\n");

            ok("storage", "volume", "snapshot", "delete", "small", vol, "s1");
            assertThat(lab.client.storage().snapshots("default", "small", vol, Lab.first())).isEmpty();
            ok("instance", "delete", c, "--force");
        }
    }

    @Test
    void aProfileScheduleFromTheSpecMakesSnapshots(@TempDir Path dir) throws Exception {
        try (OpsLab lab = new OpsLab()) {
            String profile = "opssched-" + lab.token;
            String c = "opsq-" + lab.token;
            // the keys 'infra apply' writes for `snapshots: {schedule: "* * * * *", expiry: 1H, pattern: auto%d}`
            Path spec = dir.resolve("lab.yaml");
            Files.writeString(spec, RefusalsLabTest.hosts("opss") + "profiles:\n  - name: " + profile + "\n"
                    + "    description: every minute\n    snapshots:\n      schedule: \"* * * * *\"\n"
                    + "      expiry: 1H\n      pattern: auto%d\n    config:\n      snapshots.schedule.stopped: true\ninstances:\n  - name: " + c + "\n    image: busybox\n"
                    + "    profiles: [default, " + profile + "]\n    state: stopped\n");
            lab.undo(() -> lab.client.projects().deleteProfile("default", profile));
            lab.forceDeleteInstance("default", c);
            lab.client.projects().createProfile("default", profile, "", Map.of("snapshots.schedule", "* * * * *",
                    "snapshots.expiry", "1H", "snapshots.pattern", "auto%d", "snapshots.schedule.stopped", "true"),
                    Map.of());
            // stopped: a snapshot of a running container freezes it, which this machine's cgroups cannot do
            ok("instance", "launch", Lab.imageAlias(), c, "-p", "default", "-p", profile, "--target", Lab.first(),
                    "--no-start");

            Cli.Result schedule = ok("instance", "snapshot", "schedule", "--spec", spec.toString());
            assertThat(schedule.out()).containsPattern(c + "\\s+\\* \\* \\* \\* \\*\\s+1H\\s+auto%d\\s+profile "
                    + profile + "\\s+matches");
            JsonNode rows = json(ok("instance", "snapshot", "schedule", "-o", "json"));
            assertThat(rows.toString()).contains("\"source\":\"profile " + profile + "\"");

            // the daemon takes them: the first within a minute or so
            Poll.until("a scheduled snapshot of " + c, Duration.ofSeconds(150), Duration.ofSeconds(2),
                    () -> ok("instance", "snapshot", "list", c).out(), out -> out.contains("auto0"));
            JsonNode snaps = json(ok("instance", "snapshot", "list", c, "-o", "json"));
            assertThat(snaps.at("/0/name").asText()).isEqualTo("auto0");
            assertThat(snaps.at("/0/expires_at").asText()).doesNotStartWith("0001");
            ok("instance", "delete", c, "--force");
        }
    }

    private static Map<String, String> userAndSecurityKeys(Instance i) {
        Map<String, String> out = new HashMap<>();
        i.config().forEach((k, v) -> {
            if (k.startsWith("user.") || k.startsWith("security.") || k.startsWith("limits.")) {
                out.put(k, v);
            }
        });
        return out;
    }
}
