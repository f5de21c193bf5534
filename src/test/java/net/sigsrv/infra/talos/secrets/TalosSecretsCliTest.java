package net.sigsrv.infra.talos.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra talos secrets path|generate|import} as a user runs them: each prints the path only, refusals name
 * the field, and nothing a run prints holds a byte of a secret.
 */
class TalosSecretsCliTest {


    @TempDir
    Path tmp;

    Path spec;
    List<Cli.Result> runs = new ArrayList<>();

    @BeforeEach
    void spec() throws Exception {
        // the example lab (cluster p1), on Talos 1.6 so that no RSA key is made: they are slow to make
        String example = Files.readString(net.sigsrv.infra.Golden.repo().resolve("examples/sigsrv.yaml"));
        assertThat(example).contains("talos: v1.10.2");
        spec = Files.writeString(tmp.resolve("lab.yaml"), example.replace("talos: v1.10.2", "talos: v1.6.7"));
        Cli.Result v = Cli.run("validate", spec.toString());
        assertThat(v.exitCode()).as(v.all()).isZero();
    }

    @Test
    void pathGenerateAndImportPrintThePathOnlyAndNoSecretByte() throws Exception {
        Path want = tmp.resolve(".infra/talos/sigsrv/p1.secrets.yaml");
        assertThat(run("talos", "secrets", "path", "p1", spec.toString()).out()).isEqualTo(want + "\n");
        assertThat(want).doesNotExist();

        Cli.Result gen = run("talos", "secrets", "generate", "p1", spec.toString());
        assertThat(gen.exitCode()).as(gen.all()).isZero();
        assertThat(gen.out()).isEqualTo(want + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(want))).isEqualTo("rw-------");
        String kept = Files.readString(want);
        assertThat(run("talos", "secrets", "generate", "p1", spec.toString()).exitCode()).isZero();
        assertThat(Files.readString(want)).as("generated once, then reused").isEqualTo(kept);

        // a talosctl-made file (here: our own format, which is talosctl's) for another place, imported
        Path talosctl = Files.writeString(tmp.resolve("secrets.yaml"), SecretsFile.format(TestBundles.v16()));
        Path dir = tmp.resolve("elsewhere");
        Cli.Result imp = run("talos", "secrets", "import", "p1", talosctl.toString(), spec.toString(),
                "--secrets-dir", dir.toString());
        assertThat(imp.exitCode()).as(imp.all()).isZero();
        assertThat(imp.out()).isEqualTo(dir.resolve("p1.secrets.yaml") + "\n");
        assertThat(imp.err()).isEmpty();
        assertThat(SecretsFile.parse(Files.readString(dir.resolve("p1.secrets.yaml"))).bundle())
                .contains(TestBundles.v16());

        // a different bundle is not overwritten without --force; the refusal names no value
        Cli.Result refused = run("talos", "secrets", "import", "p1", talosctl.toString(), spec.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("cluster p1 already has different secrets; --force replaces them");
        assertThat(Files.readString(want)).isEqualTo(kept);
        Cli.Result forced = run("talos", "secrets", "import", "--force", "p1", talosctl.toString(), spec.toString());
        assertThat(forced.exitCode()).as(forced.all()).isZero();
        assertThat(SecretsFile.parse(Files.readString(want)).bundle()).contains(TestBundles.v16());

        assertNoSecretIn(runs, List.of(SecretsFile.parse(kept).bundle().orElseThrow(), TestBundles.v16()));
    }

    @Test
    void aBadFileIsRefusedWithEveryBadFieldNamedAndNoValue() throws Exception {
        SecretsBundle b = TestBundles.v16();
        String text = SecretsFile.format(b).replace(b.bootstrapToken(), "NOT-A-TOKEN")
                .replace(SecretsFileTest.b64(b.etcd().key()), SecretsFileTest.b64(b.k8s().key()));
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), text);
        Cli.Result r = run("talos", "secrets", "import", "p1", bad.toString(), spec.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(bad + ": not a usable Talos secrets file:",
                "  secrets.bootstraptoken is not a token of the form [a-z0-9]{6}.[a-z0-9]{16}",
                "  certs.etcd.key does not belong to certs.etcd.crt");
        assertThat(r.err()).doesNotContain("NOT-A-TOKEN");
        assertThat(tmp.resolve(".infra/talos/sigsrv/p1.secrets.yaml")).doesNotExist();

        Cli.Result missing = run("talos", "secrets", "import", "p1", tmp.resolve("nope.yaml").toString(),
                spec.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: cannot read it");

        Files.writeString(tmp.resolve("ro"), "a file where a directory should be\n"); // (tests may run as root)
        Cli.Result unwritable = run("talos", "secrets", "generate", "p1", spec.toString(), "--secrets-dir",
                tmp.resolve("ro/sub").toString());
        assertThat(unwritable.exitCode()).as(unwritable.all()).isEqualTo(2);
        assertThat(unwritable.err()).contains("p1.secrets.yaml: cannot write it");

        Cli.Result unknown = run("talos", "secrets", "path", "p9", spec.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("cluster p9: not in " + spec + " (its clusters: p1)");
        assertNoSecretIn(runs, List.of(b));
    }

    private Cli.Result run(String... args) {
        Cli.Result r = Cli.run(args);
        runs.add(r);
        return r;
    }

    /**
     * No run printed any secret of the bundles: is not a token, a random secret, a PEM key body, nor the base64 of a
     * key, nor any 16-character run of those.
     */
    static void assertNoSecretIn(List<Cli.Result> runs, List<SecretsBundle> bundles) {
        String printed = String.join("\n", runs.stream().map(Cli.Result::all).toList());
        for (SecretsBundle b : bundles) {
            List<String> secrets = new ArrayList<>(List.of(b.clusterId(), b.clusterSecret(), b.bootstrapToken(),
                    b.trustdToken(), b.secretboxEncryptionSecret()));
            for (String key : List.of(b.etcd().key(), b.k8s().key(), b.k8sAggregator().key(), b.os().key(),
                    b.k8sServiceAccountKey())) {
                secrets.add(Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8)));
                secrets.add(key.replaceAll("-----[A-Z ]+-----", "").replace("\n", ""));
            }
            for (String s : secrets) {
                if (s.isEmpty()) {
                    continue;
                }
                for (int i = 0; i + 16 <= s.length(); i += 8) {
                    assertThat(printed).as("a run printed part of a secret").doesNotContain(s.substring(i, i + 16));
                }
            }
            assertThat(printed).doesNotContain("PRIVATE KEY");
        }
    }
}
