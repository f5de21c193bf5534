package net.sigsrv.infra.talos.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import net.sigsrv.infra.talos.secrets.SecretsBundle.CertAndKey;
import org.junit.jupiter.api.Test;

/**
 * talosctl's secrets.yaml: the field names, order and layout of siderolabs/talos
 * {@code pkg/machinery/config/generate/secrets/testdata/secrets.yaml} (its structure; its key material is not used),
 * the round trip, and the OpenTofu provider's spelling.
 */
class SecretsFileTest {

    /** The layout of talosctl's file, values replaced by a placeholder. */
    private static final String TALOSCTL_SHAPE = """
            cluster:
                id: V
                secret: V
            secrets:
                bootstraptoken: V
                secretboxencryptionsecret: V
            trustdinfo:
                token: V
            certs:
                etcd:
                    crt: V
                    key: V
                k8s:
                    crt: V
                    key: V
                k8saggregator:
                    crt: V
                    key: V
                k8sserviceaccount:
                    key: V
                os:
                    crt: V
                    key: V
            """;

    @Test
    void writesTalosctlsFieldsInTalosctlsOrderAndLayout() {
        String text = SecretsFile.format(TestBundles.current());
        assertThat(text.replaceAll("(?m)^( *[a-z0-9]+): .+$", "$1: V")).isEqualTo(TALOSCTL_SHAPE);
        String crt = line(text, "        crt: ");
        assertThat(new String(Base64.getDecoder().decode(crt), StandardCharsets.UTF_8))
                .isEqualTo(TestBundles.current().etcd().crt());
    }

    @Test
    void roundTripGivesTheSameBundle() {
        for (SecretsBundle b : List.of(TestBundles.current(), TestBundles.v16())) {
            SecretsFile.Parsed parsed = SecretsFile.parse(SecretsFile.format(b));
            assertThat(parsed.problems()).isEmpty();
            assertThat(parsed.bundle()).contains(b);
        }
        SecretsBundle old = new SecretsGenerator().generate("v1.2.9", TestBundles.NOW);
        String text = SecretsFile.format(old);
        assertThat(text).contains("    aescbcencryptionsecret: ").doesNotContain("secretbox");
        assertThat(SecretsFile.parse(text).bundle()).contains(old);
    }

    @Test
    void aTokenThatLooksLikeANumberIsQuotedAndReadBackAsText() {
        SecretsBundle b = TestBundles.v16();
        SecretsBundle digits = new SecretsBundle(b.clusterId(), b.clusterSecret(), "123456.0123456789012345",
                b.secretboxEncryptionSecret(), "", "000000.1234567890123e45", b.etcd(), b.k8s(), b.k8sAggregator(),
                b.k8sServiceAccountKey(), b.os());
        String text = SecretsFile.format(digits);
        assertThat(text).contains("bootstraptoken: \"123456.0123456789012345\"");
        assertThat(SecretsFile.parse(text).bundle()).contains(digits);
        // a file that writes them plain (no YAML typing here) reads the same
        assertThat(SecretsFile.parse(text.replace("\"", "")).bundle()).contains(digits);
    }

    @Test
    void readsTheOpenTofuProvidersMachineSecretsAsJson() {
        SecretsBundle b = TestBundles.v16();
        String json = """
                {"machine_secrets": {
                  "cluster": {"id": "%s", "secret": "%s"},
                  "secrets": {"bootstrap_token": "%s", "secretbox_encryption_secret": "%s",
                              "aescbc_encryption_secret": null},
                  "trustdinfo": {"token": "%s"},
                  "certs": {
                    "etcd": {"cert": "%s", "key": "%s"},
                    "k8s": {"cert": "%s", "key": "%s"},
                    "k8s_aggregator": {"cert": "%s", "key": "%s"},
                    "k8s_serviceaccount": {"key": "%s"},
                    "os": {"cert": "%s", "key": "%s"}}}}
                """.formatted(b.clusterId(), b.clusterSecret(), b.bootstrapToken(), b.secretboxEncryptionSecret(),
                b.trustdToken(), b64(b.etcd().crt()), b64(b.etcd().key()), b64(b.k8s().crt()), b64(b.k8s().key()),
                b64(b.k8sAggregator().crt()), b64(b.k8sAggregator().key()), b64(b.k8sServiceAccountKey()),
                b64(b.os().crt()), b64(b.os().key()));
        SecretsFile.Parsed parsed = SecretsFile.parse(json);
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.bundle()).contains(b);
    }

    @Test
    void structuralProblemsNameTheFieldNeverTheValue() {
        SecretsBundle b = TestBundles.v16();
        String text = SecretsFile.format(b)
                .replace("    token: " + b.trustdToken() + "\n", "")
                .replaceFirst("(?m)^(        key: )(.+)$", "$1x%%%" + b.clusterSecret());
        text = text.replace("secretboxencryptionsecret: " + b.secretboxEncryptionSecret(),
                "secretboxencryptionsecret: [" + b.secretboxEncryptionSecret() + "]");
        SecretsFile.Parsed parsed = SecretsFile.parse(text);
        assertThat(parsed.bundle()).isEmpty();
        assertThat(parsed.problems()).extracting(Object::toString).containsExactly(
                "secrets.secretboxencryptionsecret is not a string",
                "secrets.secretboxencryptionsecret is missing (one of secretboxencryptionsecret and"
                        + " aescbcencryptionsecret is required)",
                "trustdinfo.token is missing",
                "certs.etcd.key is not base64 (talosctl writes base64 of the PEM text)");
        assertThat(SecretsFile.parse("cluster: [unclosed\n  " + b.clusterSecret()).problems().toString())
                .startsWith("[not valid YAML or JSON").doesNotContain(b.clusterSecret());
        assertThat(SecretsFile.parse("- a list").problems().toString()).contains("not a mapping");
    }

    @Test
    void bundleToStringHidesEveryValue() {
        SecretsBundle b = TestBundles.v16();
        String shown = b + " " + b.os() + " " + List.of(b);
        for (String secret : List.of(b.clusterId(), b.clusterSecret(), b.bootstrapToken(), b.trustdToken(),
                b.secretboxEncryptionSecret())) {
            assertThat(shown).doesNotContain(secret);
        }
        assertThat(shown).doesNotContain("BEGIN");
        CertAndKey c = b.os();
        assertThat(c.toString()).isEqualTo("CertAndKey[values hidden]");
    }

    private static String line(String text, String prefix) {
        var m = Pattern.compile("(?m)^" + Pattern.quote(prefix) + "(.+)$").matcher(text);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
