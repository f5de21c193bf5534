package net.sigsrv.infra.talos.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.guard.Redactor;
import org.junit.jupiter.api.Test;

/**
 * Should a bundle's values ever reach an output path, {@code guard}'s redaction masks every shape they take: the whole
 * secrets.yaml (talosctl's and the provider's JSON), PEM private keys of each label Talos uses, base64 of PEM, and
 * tokens, the cluster secret and the encryption secret wherever a field names them. (The cluster id is an identifier
 * Talos shows, not a secret; certificates are public.)
 */
class SecretsRedactionTest {

    @Test
    void aWholeSecretsFileIsMasked() {
        for (SecretsBundle b : List.of(TestBundles.current(), TestBundles.v16())) {
            assertNoSecret(Redactor.redact(SecretsFile.format(b)), b);
        }
    }

    @Test
    void theProvidersJsonIsMasked() {
        SecretsBundle b = TestBundles.v16();
        String json = "{\"cluster\": {\"id\": \"%s\", \"secret\": \"%s\"}, \"secrets\": {\"bootstrap_token\": \"%s\","
                + " \"secretbox_encryption_secret\": \"%s\"}, \"trustdinfo\": {\"token\": \"%s\"}, \"certs\": {\"os\":"
                + " {\"cert\": \"%s\", \"key\": \"%s\"}, \"k8s_serviceaccount\": {\"key\": \"%s\"}}}";
        String text = json.formatted(b.clusterId(), b.clusterSecret(), b.bootstrapToken(), b.secretboxEncryptionSecret(),
                b.trustdToken(), SecretsFileTest.b64(b.os().crt()), SecretsFileTest.b64(b.os().key()),
                SecretsFileTest.b64(b.k8sServiceAccountKey()));
        String masked = Redactor.redact(text);
        assertNoSecret(masked, b);
        assertThat(Redactor.redact(text.replace(", ", ",\n  "))).doesNotContain(b.clusterSecret());
    }

    @Test
    void eachValueShapeAloneIsMasked() {
        SecretsBundle b = TestBundles.current();
        for (String key : List.of(b.etcd().key(), b.os().key(), b.k8sServiceAccountKey())) {
            assertThat(Redactor.redact("here: " + key)).doesNotContain(body(key));
            assertThat(Redactor.redact("logged " + SecretsFileTest.b64(key))).isEqualTo("logged [REDACTED]");
        }
        assertThat(Redactor.redact("ED25519 key:\n" + b.os().key())).contains("-----BEGIN ED25519 PRIVATE KEY-----")
                .doesNotContain(body(b.os().key()));
        for (String line : List.of("bootstraptoken: %s", "token: %s", "trustdinfo.token = %s", "bootstrap_token=%s",
                "\"token\": \"%s\"")) {
            assertThat(Redactor.redact(line.formatted(b.bootstrapToken()))).as(line)
                    .doesNotContain(b.bootstrapToken());
        }
        for (String line : List.of("secretboxencryptionsecret: %s", "secret: %s", "aescbcencryptionsecret: %s",
                "secretbox_encryption_secret=%s", "cluster.secret = \"%s\"")) {
            assertThat(Redactor.redact(line.formatted(b.secretboxEncryptionSecret()))).as(line)
                    .doesNotContain(b.secretboxEncryptionSecret());
        }
    }

    static void assertNoSecret(String masked, SecretsBundle b) {
        List<String> secrets = new ArrayList<>(List.of(b.clusterSecret(), b.bootstrapToken(), b.trustdToken()));
        if (!b.secretboxEncryptionSecret().isEmpty()) {
            secrets.add(b.secretboxEncryptionSecret());
        }
        for (String key : List.of(b.etcd().key(), b.k8s().key(), b.k8sAggregator().key(), b.os().key(),
                b.k8sServiceAccountKey())) {
            secrets.add(SecretsFileTest.b64(key).substring(0, 64));
            secrets.add(body(key).substring(0, 32));
        }
        for (String s : secrets) {
            assertThat(masked).doesNotContain(s);
        }
    }

    private static String body(String pem) {
        return pem.replaceAll("-----[A-Z0-9 ]+-----", "").replace("\n", "");
    }
}
