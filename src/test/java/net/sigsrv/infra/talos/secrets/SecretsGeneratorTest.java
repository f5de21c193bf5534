package net.sigsrv.infra.talos.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import net.sigsrv.infra.talos.secrets.SecretsBundle.CertAndKey;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.Test;

/** A new bundle has what talosctl gen secrets puts in one: key types, PEM labels, token shapes, CA fields. */
class SecretsGeneratorTest {

    @Test
    void keysHaveTalosctlsTypesCurvesAndPemLabels() throws Exception {
        SecretsBundle b = TestBundles.current();
        for (CertAndKey ca : List.of(b.etcd(), b.k8s(), b.k8sAggregator())) {
            Pem.Block key = Pem.decode(ca.key()).orElseThrow();
            assertThat(key.label()).isEqualTo("EC PRIVATE KEY");
            ECPrivateKey sec1 = ECPrivateKey.getInstance(key.der());
            assertThat(sec1.getParametersObject()).isEqualTo(SECObjectIdentifiers.secp256r1);
            assertThat(sec1.getPrivateKey().getOctets()).hasSize(32);
            assertThat(sec1.getPublicKey()).as("Go's MarshalECPrivateKey writes the public point").isNotNull();
            assertThat(certificate(ca).getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo("1.2.840.10045.4.3.2");
        }
        Pem.Block os = Pem.decode(b.os().key()).orElseThrow();
        assertThat(os.label()).isEqualTo("ED25519 PRIVATE KEY");
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(os.der());
        assertThat(info.getPrivateKeyAlgorithm().getAlgorithm()).isEqualTo(EdECObjectIdentifiers.id_Ed25519);
        assertThat(info.getPrivateKeyAlgorithm().getParameters()).isNull();
        assertThat(info.getVersion().intValueExact()).as("PKCS#8 v1 as Go writes it, no public key").isZero();
        assertThat(info.hasPublicKey()).isFalse();
        assertThat(certificate(b.os()).getSignatureAlgorithm().getAlgorithm()).isEqualTo(EdECObjectIdentifiers.id_Ed25519);

        Pem.Block sa = Pem.decode(b.k8sServiceAccountKey()).orElseThrow();
        assertThat(sa.label()).isEqualTo("RSA PRIVATE KEY");
        assertThat(RSAPrivateKey.getInstance(sa.der()).getModulus().bitLength()).isEqualTo(4096);
        for (String pem : List.of(b.etcd().crt(), b.k8s().crt(), b.k8sAggregator().crt(), b.os().crt())) {
            assertThat(Pem.decode(pem).orElseThrow().label()).isEqualTo("CERTIFICATE");
            assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        }
    }

    @Test
    void talos16AndBeforeGetAnEcdsaServiceAccountKeyAnd12AndBeforeAnAesCbcSecret() {
        Pem.Block sa = Pem.decode(TestBundles.v16().k8sServiceAccountKey()).orElseThrow();
        assertThat(sa.label()).isEqualTo("EC PRIVATE KEY");
        assertThat(ECPrivateKey.getInstance(sa.der()).getParametersObject()).isEqualTo(SECObjectIdentifiers.secp256r1);
        assertThat(TestBundles.v16().secretboxEncryptionSecret()).isNotEmpty();

        SecretsBundle old = new SecretsGenerator().generate("1.2.0", TestBundles.NOW);
        assertThat(old.secretboxEncryptionSecret()).isEmpty();
        assertThat(Base64.getDecoder().decode(old.aescbcEncryptionSecret())).hasSize(32);
        assertThat(SecretsCheck.check(old, TestBundles.NOW)).isEmpty();
        assertThatThrownBy(() -> new SecretsGenerator().generate("latest", TestBundles.NOW))
                .hasMessageContaining("latest");
    }

    @Test
    void tokensAndRandomSecretsHaveTalosShapes() {
        SecretsBundle b = TestBundles.current();
        assertThat(b.bootstrapToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(b.trustdToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(b.bootstrapToken()).isNotEqualTo(b.trustdToken());
        assertThat(Base64.getDecoder().decode(b.secretboxEncryptionSecret())).hasSize(32);
        assertThat(b.aescbcEncryptionSecret()).isEmpty();
        assertThat(Base64.getDecoder().decode(b.clusterId())).hasSize(32);
        assertThat(Base64.getDecoder().decode(b.clusterSecret())).hasSize(32);
        SecretsGenerator g = new SecretsGenerator();
        Set<Character> seen = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            String t = g.token();
            assertThat(t).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
            t.chars().filter(c -> c != '.').forEach(c -> seen.add((char) c));
        }
        assertThat(seen).as("the whole alphabet is drawn").hasSize(36);
    }

    @Test
    void casHaveTalosctlsCertificateFields() throws Exception {
        SecretsBundle b = TestBundles.current();
        record Want(CertAndKey ca, String subject, String signature) {
        }
        String ecdsa = "1.2.840.10045.4.3.2"; // ecdsa-with-SHA256
        for (Want w : List.of(new Want(b.etcd(), "O=etcd", ecdsa), new Want(b.k8s(), "O=kubernetes", ecdsa),
                new Want(b.k8sAggregator(), "", ecdsa), new Want(b.os(), "O=talos", "1.3.101.112"))) {
            X509CertificateHolder c = certificate(w.ca());
            assertThat(c.getSubject().toString()).isEqualTo(w.subject());
            assertThat(c.getIssuer()).isEqualTo(c.getSubject());
            assertThat(c.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .build(c.getSubjectPublicKeyInfo()))).as("self-signed").isTrue();
            assertThat(c.getSignatureAlgorithm().getAlgorithm().getId()).isEqualTo(w.signature());
            assertThat(c.getVersionNumber()).isEqualTo(3);
            BasicConstraints bc = BasicConstraints.fromExtensions(c.getExtensions());
            assertThat(bc.isCA()).isTrue();
            assertThat(bc.getPathLenConstraint()).as("no path length").isNull();
            assertThat(c.getExtension(Extension.basicConstraints).isCritical()).isTrue();
            assertThat(c.getExtension(Extension.keyUsage).isCritical()).isTrue();
            assertThat(c.getExtension(Extension.extendedKeyUsage).isCritical()).isFalse();
            KeyUsage usage = KeyUsage.fromExtensions(c.getExtensions());
            assertThat(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyCertSign)).isTrue();
            assertThat(usage.getBytes()[0] & 0xff).as("nothing else").isEqualTo(
                    KeyUsage.digitalSignature | KeyUsage.keyCertSign);
            assertThat(ExtendedKeyUsage.fromExtensions(c.getExtensions()).getUsages()).containsExactly(
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
            assertThat(c.getNotBefore().toInstant()).isEqualTo(TestBundles.NOW);
            assertThat(Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofHours(87_600))
                    .isGreaterThanOrEqualTo(Duration.ofDays(3650));
            assertThat(c.getSerialNumber()).isPositive().isLessThan(BigInteger.ONE.shiftLeft(128));
            assertThat(SubjectKeyIdentifier.fromExtensions(c.getExtensions()).getKeyIdentifier()).hasSize(20);
            assertThat(c.getExtension(Extension.authorityKeyIdentifier)).isNull();
            assertThat(c.getExtension(Extension.subjectAlternativeName)).isNull();
            assertThat(c.getExtensions().getExtensionOIDs()).hasSize(4);
        }
        assertThat(certificate(b.k8s()).getSubjectPublicKeyInfo().getAlgorithm().getParameters())
                .isEqualTo(SECObjectIdentifiers.secp256r1);
        assertThat(certificate(b.os()).getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm())
                .isEqualTo(EdECObjectIdentifiers.id_Ed25519);
    }

    @Test
    void theJdkRefusesTheAggregatorCaAsItRefusesTalosctls() {
        // talosctl's aggregator CA has an empty subject (its template carries organisations only); Go and Kubernetes
        // accept it, the JDK does not: Java code must read these certificates with BouncyCastle
        assertThatThrownBy(() -> CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Pem.decode(TestBundles.current().k8sAggregator().crt()).orElseThrow().der())))
                .hasMessageContaining("Empty issuer DN");
    }

    @Test
    void aNewBundlePassesEveryCheckAndHidesItselfFromToString() {
        SecretsBundle b = TestBundles.current();
        assertThat(SecretsCheck.check(b, TestBundles.NOW)).isEmpty();
        assertThat(SecretsCheck.check(TestBundles.v16(), TestBundles.NOW)).isEmpty();
        assertThat(b.toString()).isEqualTo("SecretsBundle[values hidden]");
        assertThat(b.os().toString()).doesNotContain("BEGIN");
    }

    static X509CertificateHolder certificate(CertAndKey ca) throws Exception {
        return Certificates.parse(Pem.decode(ca.crt()).orElseThrow().der());
    }
}
