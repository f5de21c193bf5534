package net.sigsrv.infra.ops;

import static net.sigsrv.infra.ops.OpsLab.expect;
import static net.sigsrv.infra.ops.OpsLab.infra;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real LXD export of a privileged-equivalent container is read before upload: without the spec's leave the
 * import is refused naming the key and nothing reaches the daemon; with it the same tarball imports. The export is
 * gzip even when the server compresses backups with xz. (The simulator cannot export, so only the lab shows that
 * the reader understands the daemon's own tarballs.)
 */
@Tag("lab")
class PrivilegedImportLabTest {

    @Test
    void aRealBackupCarryingRawLxcNeedsTheSpecsLeave(@TempDir Path dir) throws Exception {
        try (OpsLab lab = new OpsLab()) {
            String c = "opsp-" + lab.token;
            lab.forceDeleteInstance("default", c);
            lab.client.instances().create("default", InstanceCreate.container(c, Lab.imageAlias())
                    .withConfig(Map.of("raw.lxc", "lxc.environment = INFRA_TEST=1")), Lab.first(), false);
            // a server that compresses its backups with xz still gives infra a gzip tarball it can check
            lab.client.call("PATCH", ApiPath.of("/1.0"), Map.of("config", Map.of("backups.compression_algorithm",
                    "xz")), null, Duration.ofSeconds(30));
            lab.undo(() -> lab.client.call("PATCH", ApiPath.of("/1.0"), Map.of("config",
                    Map.of("backups.compression_algorithm", "")), null, Duration.ofSeconds(30)));
            Path file = dir.resolve(c + ".tar.gz");
            ok("instance", "export", c, file.toString(), "--instance-only");
            try (InputStream in = Files.newInputStream(file)) {
                assertThat(in.readNBytes(2)).as("gzip magic").containsExactly(0x1f, 0x8b);
            }
            lab.client.instances().delete("default", c);

            Cli.Result refused = expect(infra("instance", "import", file.toString()), 2);
            assertThat(refused.err()).startsWith("infra: refused: instance " + c + " in project default would be"
                    + " privileged-equivalent (raw.lxc) and no spec was given");
            assertThat(lab.client.instances().list("default")).noneMatch(i -> i.name().equals(c));

            Path spec = Files.writeString(dir.resolve("lab.yaml"), "lab: g\nhosts:\n  - name: " + Lab.first() + "\n"
                    + "    socket: /var/lib/incus/unix.socket\ninstances:\n  - name: " + c + "\n    image: busybox\n"
                    + "    reason: tests the import guard\n    config:\n      raw.lxc: lxc.environment = INFRA_TEST=1\n");
            ok("instance", "import", file.toString(), "--spec", spec.toString());
            assertThat(lab.client.instances().get("default", c).value().config())
                    .containsEntry("raw.lxc", "lxc.environment = INFRA_TEST=1");
        }
    }
}
