package net.sigsrv.infra.talos.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import net.sigsrv.infra.talos.secrets.SecretsBundle.CertAndKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Every part of a bundle is checked; a problem names the field and never shows the value. */
class SecretsCheckTest {

    private static final SecretsBundle B = TestBundles.v16();

    @Test
    void tokensMustHaveKubeadmsShape() {
        SecretsBundle bad = with(B, "ABCDEF.0123456789abcdef", "abcdef.0123456789abcde");
        assertThat(problems(bad)).containsExactly(
                "secrets.bootstraptoken is not a token of the form [a-z0-9]{6}.[a-z0-9]{16}",
                "trustdinfo.token is not a token of the form [a-z0-9]{6}.[a-z0-9]{16}");
        assertThat(SecretsCheck.TOKEN.matcher(B.bootstrapToken()).matches()).isTrue();
    }

    @Test
    void randomSecretsMustBe32BytesOfStandardBase64() {
        SecretsBundle bad = new SecretsBundle("c2hvcnQ=", "not base64!", B.bootstrapToken(), "", "",
                B.trustdToken(), B.etcd(), B.k8s(), B.k8sAggregator(), B.k8sServiceAccountKey(), B.os());
        assertThat(problems(bad)).containsExactly(
                "cluster.id holds 5 bytes; Talos uses 32",
                "cluster.secret is not standard base64",
                "secrets needs exactly one of secretboxencryptionsecret and aescbcencryptionsecret");
    }

    @Test
    void aKeyMustBelongToItsCertificate() {
        SecretsBundle swapped = withCerts(B, new CertAndKey(B.etcd().crt(), B.k8s().key()), B.os());
        assertThat(problems(swapped)).containsExactly("certs.etcd.key does not belong to certs.etcd.crt (a signature"
                + " made with it does not verify with the certificate's public key)");
    }

    @Test
    void certificatesMustBeCasValidNowAndKeysUnderLabelsTalosReads() throws Exception {
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("O=talos"), BigInteger.TEN,
                Date.from(TestBundles.NOW), Date.from(TestBundles.NOW.plusSeconds(3600)), new X500Name("O=talos"),
                kp.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        String leaf = Pem.encode(Pem.CERTIFICATE,
                builder.build(new JcaContentSignerBuilder("Ed25519").build(kp.getPrivate())).getEncoded());
        String pkcs8 = Pem.encode(Pem.PRIVATE_KEY, kp.getPrivate().getEncoded());
        SecretsBundle bad = withCerts(B, new CertAndKey(B.etcd().crt(), B.etcd().key().replace("EC PRIVATE", "DSA"
                + " PRIVATE")), new CertAndKey(leaf, pkcs8));
        assertThat(problems(bad)).containsExactly(
                "certs.etcd.key is a PEM block labelled DSA PRIVATE KEY; Talos reads EC PRIVATE KEY, RSA PRIVATE KEY,"
                        + " ED25519 PRIVATE KEY and PRIVATE KEY",
                "certs.os.crt is not a CA certificate (basic constraints CA:true is missing)");
        assertThat(SecretsCheck.check(bad, TestBundles.NOW.plusSeconds(7200)).toString())
                .contains("certs.os.crt expired on 2026-12-08T06:00:00Z");

        SecretsBundle old = new SecretsGenerator().generate("v1.6", Instant.parse("2010-01-01T00:00:00Z"));
        assertThat(problems(old)).containsExactly(
                "certs.etcd.crt expired on 2019-12-30T00:00:00Z",
                "certs.k8s.crt expired on 2019-12-30T00:00:00Z",
                "certs.k8saggregator.crt expired on 2019-12-30T00:00:00Z",
                "certs.os.crt expired on 2019-12-30T00:00:00Z");
    }

    @Test
    void garbageIsNamedNotShown() {
        SecretsBundle bad = withCerts(B, new CertAndKey("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n"), new CertAndKey(B.k8s().key(),
                "no pem here " + B.clusterSecret()));
        List<String> p = problems(bad);
        assertThat(p).containsExactly(
                "certs.etcd.crt is not a valid X.509 certificate",
                "certs.etcd.key is a EC PRIVATE KEY block that does not parse as one",
                "certs.os.crt is not a PEM block labelled CERTIFICATE",
                "certs.os.key is not a PEM block");
        assertThat(String.join("\n", p)).doesNotContain(B.clusterSecret()).doesNotContain("AAAA");
    }

    @Test
    void theServiceAccountKeyMustBeRsaOrEcdsa() {
        SecretsBundle ed = new SecretsBundle(B.clusterId(), B.clusterSecret(), B.bootstrapToken(),
                B.secretboxEncryptionSecret(), "", B.trustdToken(), B.etcd(), B.k8s(), B.k8sAggregator(),
                B.os().key(), B.os());
        assertThat(problems(ed)).singleElement().asString().startsWith("certs.k8sserviceaccount.key is a ")
                .endsWith("key; Kubernetes signs service-account tokens with RSA or ECDSA");
    }

    /**
     * With BouncyCastle registered as a JCA provider (MINA SSHD registers it when the doctor's --fix or a remote
     * join ran first in the same JVM), keys read from PEM report "ECDSA", not "EC": a good bundle must still pass.
     */
    @Test
    void aGoodBundlePassesAlsoWithBouncyCastleRegistered() {
        boolean added = java.security.Security.getProvider("BC") == null;
        if (added) {
            java.security.Security.insertProviderAt(new org.bouncycastle.jce.provider.BouncyCastleProvider(), 1);
        }
        try {
            assertThat(problems(B)).isEmpty();
        } finally {
            if (added) {
                java.security.Security.removeProvider("BC");
            }
        }
    }

    private static List<String> problems(SecretsBundle b) {
        return SecretsCheck.check(b, TestBundles.NOW).stream().map(Object::toString).toList();
    }

    private static SecretsBundle with(SecretsBundle b, String bootstrap, String trustd) {
        return new SecretsBundle(b.clusterId(), b.clusterSecret(), bootstrap, b.secretboxEncryptionSecret(),
                b.aescbcEncryptionSecret(), trustd, b.etcd(), b.k8s(), b.k8sAggregator(), b.k8sServiceAccountKey(),
                b.os());
    }

    private static SecretsBundle withCerts(SecretsBundle b, CertAndKey etcd, CertAndKey os) {
        return new SecretsBundle(b.clusterId(), b.clusterSecret(), b.bootstrapToken(), b.secretboxEncryptionSecret(),
                b.aescbcEncryptionSecret(), b.trustdToken(), etcd, b.k8s(), b.k8sAggregator(),
                b.k8sServiceAccountKey(), os);
    }
}
