package net.sigsrv.infra.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.talos.secrets.SecretsBundle;
import net.sigsrv.infra.talos.secrets.SecretsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra talos config} reads its secrets through {@code talos.secrets}: the cluster's kept bundle (made once
 * when missing, said on stderr, reused after), and a {@code --secrets} file checked part by part like an import.
 */
class TalosConfigSecretsTest {

    @TempDir
    Path dir;

    @Test
    void usesTheKeptBundleMakingItOnceWhenMissing() throws IOException {
        // Talos v1.6: the bundle made has an ECDSA service-account key, quicker to make than v1.10's RSA 4096
        Path v16 = dir.resolve("infra.yaml");
        String example = Files.readString(Fixtures.examplePath());
        assertThat(example).contains("talos: v1.10.2");
        Files.writeString(v16, example.replace("talos: v1.10.2", "talos: v1.6.7"));
        Path kept = dir.resolve("kept");
        Path file = kept.resolve("p1.secrets.yaml");
        Cli.Result first = Cli.run("talos", "config", v16.toString(), "p1", "p1-storage-2", "--out",
                dir.resolve("a").toString(), "--secrets-dir", kept.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.err()).contains("cluster p1: no secrets were kept; made new ones in " + file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        SecretsBundle bundle = SecretsFile.parse(Files.readString(file)).bundle().orElseThrow();
        assertThat(bundle.k8sServiceAccountKey()).contains("EC PRIVATE KEY"); // made for the spec's Talos version
        assertThat(Files.readString(dir.resolve("a/p1-storage-2.yaml")))
                .contains(BaseDocument.base64(bundle.os().crt())).contains(bundle.trustdToken());

        String before = Files.readString(file);
        Cli.Result again = Cli.run("talos", "config", v16.toString(), "p1", "p1-controlplane-1", "--out",
                dir.resolve("b").toString(), "--secrets-dir", kept.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).doesNotContain("made new ones");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(Files.readString(dir.resolve("b/p1-controlplane-1.yaml")))
                .contains(BaseDocument.base64(bundle.etcd().key())).contains(bundle.secretboxEncryptionSecret());
        for (String secret : TestSecrets.placeholders(bundle).keySet()) {
            assertThat(first.out() + first.err() + again.out() + again.err()).doesNotContain(secret);
        }
    }

    @Test
    void aSecretsFileIsCheckedLikeAnImportAndNotKept() throws IOException {
        SecretsBundle good = TestSecrets.fresh();
        // whole in structure, but the etcd key is the Kubernetes CA's: only the real checks see it
        SecretsBundle swapped = new SecretsBundle(good.clusterId(), good.clusterSecret(), good.bootstrapToken(),
                good.secretboxEncryptionSecret(), good.aescbcEncryptionSecret(), good.trustdToken(),
                new SecretsBundle.CertAndKey(good.etcd().crt(), good.k8s().key()), good.k8s(), good.k8sAggregator(),
                good.k8sServiceAccountKey(), good.os());
        Path file = dir.resolve("secrets.yaml");
        Files.writeString(file, SecretsFile.format(swapped));
        Path kept = dir.resolve("kept");
        Cli.Result r = Cli.run("talos", "config", Fixtures.examplePath().toString(), "p1", "--out", dir.resolve("x").toString(), "--secrets",
                file.toString(), "--secrets-dir", kept.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(file + ": not a usable Talos secrets file").contains("certs.etcd.key");
        assertThat(r.err()).doesNotContain(BaseDocument.base64(good.k8s().key()));
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(kept).doesNotExist();

        Files.writeString(file, SecretsFile.format(good));
        Cli.Result ok = Cli.run("talos", "config", Fixtures.examplePath().toString(), "p1", "p1-storage-2", "--out", dir.resolve("y").toString(),
                "--secrets", file.toString(), "--secrets-dir", kept.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.err()).doesNotContain("made new ones");
        assertThat(kept).doesNotExist();
    }
}
