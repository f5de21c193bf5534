package net.sigsrv.infra.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a backup tarball would give the instance it recreates, read before anything is uploaded. */
class BackupConfigTest {

    @TempDir
    Path dir;

    @Test
    void theIndexGivesTheNameTheConfigTheSnapshotsAndTheProfiles() throws IOException {
        Path file = new Tarball().file("backup/index.yaml", """
                name: web
                config:
                  container:
                    profiles: [default, raw]
                    config:
                      security.privileged: yes
                      limits.cpu: 2
                  snapshots:
                  - name: s1
                    profiles: [default]
                    config:
                      raw.idmap: both 0 0
                  profiles:
                  - name: raw
                    config:
                      raw.lxc: lxc.mount.auto=sys:rw
                """).file("backup/container/rootfs/backup.yaml", "not: [config").writeGz(dir.resolve("b.tar.gz"));
        BackupConfig b = BackupConfig.read(file);
        assertThat(b.name()).isEqualTo("web");
        assertThat(b.configs()).containsExactly(
                new BackupConfig.Config("", java.util.List.of("default", "raw"),
                        Map.of("security.privileged", "yes", "limits.cpu", "2")),
                new BackupConfig.Config("snapshot s1 in the backup", java.util.List.of("default"),
                        Map.of("raw.idmap", "both 0 0")));
        assertThat(b.profiles()).containsExactly(Map.entry("raw", Map.of("raw.lxc", "lxc.mount.auto=sys:rw")));
    }

    @Test
    void everyBackupYamlIsRead_evenUnderAPaxOrGnuLongName() throws IOException {
        Path file = new Tarball().file("backup/index.yaml", Tarball.index("web", "limits.cpu: \"1\""))
                .paxNamed("harmless.txt", "./backup//container/backup.yaml", "container:\n  config:\n"
                        + "    raw.lxc: x\n")
                .gnuLongNamed("backup/snapshots/" + "s".repeat(120) + "/backup.yaml", "container:\n  config:\n"
                        + "    linux.kernel_modules: overlay\n")
                .entry("././@LongLink", 'L', "backup/virtual-machine/backup.yaml\0".getBytes())
                .entry("././@LongLink", 'K', ("/" + "t".repeat(200) + "\0").getBytes())
                .file("short2", "container:\n  config:\n    raw.seccomp: x\n")
                .writePlain(dir.resolve("b.tar"));
        BackupConfig b = BackupConfig.read(file);
        assertThat(b.configs()).extracting(BackupConfig.Config::config).containsExactly(Map.of("limits.cpu", "1"),
                Map.of("raw.lxc", "x"), Map.of("linux.kernel_modules", "overlay"), Map.of("raw.seccomp", "x"));
    }

    @Test
    void aTarballThatCannotBeCheckedIsRefused() throws IOException {
        Path xz = Files.write(dir.resolve("b.tar.xz"), new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2});
        assertThatThrownBy(() -> BackupConfig.read(xz)).isInstanceOf(Refused.class).hasMessage("refused: cannot"
                + " read the configuration in backup " + xz + ": it is xz-compressed; infra reads gzip or plain tar."
                + " infra reads it before upload to check it for privileged settings. Nothing was uploaded.");
        Path noIndex = new Tarball().file("backup/container/backup.yaml", "container: {}\n")
                .writeGz(dir.resolve("n.tar.gz"));
        assertThatThrownBy(() -> BackupConfig.read(noIndex)).hasMessageContaining("it has no backup/index.yaml");
        Path truncated = dir.resolve("t.tar");
        byte[] whole = Files.readAllBytes(new Tarball().file("backup/index.yaml", Tarball.index("web", "a: b"))
                .writePlain(dir.resolve("w.tar")));
        Files.write(truncated, java.util.Arrays.copyOf(whole, 600));
        assertThatThrownBy(() -> BackupConfig.read(truncated)).hasMessageContaining("it ends in the middle");
        Path link = new Tarball().file("backup/index.yaml", Tarball.index("web", "a: b"))
                .entry("backup/container/backup.yaml", '2', new byte[0]).writeGz(dir.resolve("l.tar.gz"));
        assertThatThrownBy(() -> BackupConfig.read(link)).hasMessageContaining(
                "backup/container/backup.yaml is not a regular file");
    }
}
