package net.sigsrv.infra.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra talos config}: documents written 0600 in a 0700 directory, paths printed and no content; a
 * talosctl secrets file read, and its problems named without their values; {@code --node} addresses.
 */
class TalosConfigCommandTest {

    private static final ClusterSecrets SECRETS = TestSecrets.fresh();

    @TempDir
    Path dir;

    private Path secretsFile(String text) throws IOException {
        Path file = dir.resolve("secrets.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static String spec() {
        return Golden.repo().resolve("examples/sigsrv.yaml").toString();
    }

    @Test
    void writesPrivateFilesAndPrintsOnlyTheirPaths() throws IOException {
        Path out = dir.resolve("configs");
        Cli.Result r = Cli.run("talos", "config", spec(), "p1", "--out", out.toString(), "--secrets",
                secretsFile(TestSecrets.talosctlFile(SECRETS)).toString(), "--node", "p1-worker-6=172.20.9.9");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().lines()).hasSize(12).contains(out.resolve("p1-controlplane-1.yaml") + "  (controlplane)",
                out.resolve("p1-storage-3.yaml") + "  (worker)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
        try (var files = Files.list(out)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString())
                        .isEqualTo("rw-------");
                assertThat(TalosSchema.errors(Files.readString(f))).as(f.toString()).isEmpty();
            }
        }
        assertThat(Files.readString(out.resolve("p1-worker-6.yaml"))).contains("- 172.20.9.9")
                .contains(BaseDocument.base64(SECRETS.osCaCert()));
        for (String secret : TestSecrets.placeholders(SECRETS).keySet()) {
            assertThat(r.out() + r.err()).doesNotContain(secret);
        }
    }

    @Test
    void oneNode() throws IOException {
        Path out = dir.resolve("one");
        Cli.Result r = Cli.run("talos", "config", spec(), "p1", "p1-storage-2", "--out", out.toString(),
                "--secrets", secretsFile(TestSecrets.talosctlFile(SECRETS)).toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(out.resolve("p1-storage-2.yaml") + "  (worker)\n");
    }

    @Test
    void aBrokenSecretsFileIsNamedFieldByFieldWithoutValues() throws IOException {
        String text = TestSecrets.talosctlFile(SECRETS)
                .replace("    token: " + SECRETS.trustdToken() + "\n", "")
                .replace(BaseDocument.base64(SECRETS.etcdCaKey()), "not-base64!");
        Path file = secretsFile(text);
        Cli.Result r = Cli.run("talos", "config", spec(), "p1", "--out", dir.resolve("x").toString(), "--secrets",
                file.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(file + ": certs.etcd.key is not base64")
                .contains(file + ": trustdinfo.token is missing");
        assertThat(r.err()).doesNotContain(SECRETS.clusterSecret()).doesNotContain("not-base64!");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void refusesAnOpenDirectoryAndUnknownNodes() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        String secrets = secretsFile(TestSecrets.talosctlFile(SECRETS)).toString();
        Cli.Result r = Cli.run("talos", "config", spec(), "p1", "--out", open.toString(), "--secrets", secrets);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(open + " may be read by others (mode rwxr-xr-x)");
        Cli.Result unknown = Cli.run("talos", "config", spec(), "p1", "--out", dir.resolve("y").toString(),
                "--secrets", secrets, "--node", "p1-worker-9=172.20.0.9");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--node p1-worker-9: not a node of cluster p1");
    }
}
