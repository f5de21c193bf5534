package net.sigsrv.infra.talos.api;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test secrets made here with Bouncy Castle, in the shapes Talos uses (an Ed25519 OS CA, talosconfig's Ed25519
 * {@code os:admin} certificate, an ECDSA P-256 Kubernetes CA), so these tests depend on no secrets generator.
 */
final class TalosTestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A CA or leaf: its certificate and key, and their PEM forms. */
    record Pair(X509Certificate cert, PrivateKey key, String certPem, String keyPem) {
    }

    private TalosTestPki() {
    }

    static Pair ed25519Ca(String name) {
        return ca(name, generate("Ed25519"));
    }

    static Pair ecdsaCa(String name) {
        return ca(name, generate("EC"));
    }

    /** A client certificate signed by {@code ca} with subject {@code subject} ("O=os:admin,CN=admin"). */
    static Pair client(Pair ca, String subject) {
        KeyPair pair = generate("Ed25519");
        X509Certificate cert = sign(new X500Name(subject), pair, ca, false, KeyPurposeId.id_kp_clientAuth);
        // talosconfig keeps Ed25519 keys under Talos's own PEM label
        String keyPem = pem(pair.getPrivate()).replace("PRIVATE KEY", "ED25519 PRIVATE KEY");
        return new Pair(cert, pair.getPrivate(), pem(cert), keyPem);
    }

    /**
     * A minimal Talos v1alpha1 machine configuration with the fields a node acts on; {@code withKeys} gives the
     * control-plane form (the CA keys), else the worker form (certificates only).
     */
    static String machineConfig(String type, String cluster, String hostname, Pair osCa, Pair kubeCa,
            boolean withKeys) {
        return "version: v1alpha1\n"
                + "machine:\n"
                + "  type: " + type + "\n"
                + "  token: abcdef.0123456789abcdef\n"
                + "  ca:\n"
                + "    crt: " + b64(osCa.certPem()) + "\n"
                + (withKeys ? "    key: " + b64(osCa.keyPem()) + "\n" : "")
                + "  network:\n"
                + "    hostname: " + hostname + "\n"
                + "  install:\n"
                + "    disk: /dev/sda\n"
                + "cluster:\n"
                + "  clusterName: " + cluster + "\n"
                + "  controlPlane:\n"
                + "    endpoint: https://10.0.0.10:6443\n"
                + "  ca:\n"
                + "    crt: " + b64(kubeCa.certPem()) + "\n"
                + (withKeys ? "    key: " + b64(kubeCa.keyPem()) + "\n" : "")
                + "---\n"
                + "apiVersion: v1alpha1\n"
                + "kind: HostnameConfig\n"
                + "auto: off\n";
    }

    private static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    private static Pair ca(String name, KeyPair pair) {
        Pair self = new Pair(null, pair.getPrivate(), "", "");
        X509Certificate cert = sign(new X500Name("O=" + name + ",CN=" + name), pair, self, true, null);
        return new Pair(cert, pair.getPrivate(), pem(cert), pem(pair.getPrivate()));
    }

    private static X509Certificate sign(X500Name subject, KeyPair pair, Pair issuer, boolean ca, KeyPurposeId eku) {
        try {
            X500Name issuerName = issuer.cert() == null ? subject
                    : X500Name.getInstance(issuer.cert().getSubjectX500Principal().getEncoded());
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.digitalSignature : KeyUsage.digitalSignature));
            if (eku != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(eku));
            }
            String algorithm = issuer.key().getAlgorithm().startsWith("Ed") ? "Ed25519" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuer.key())));
        } catch (Exception e) {
            throw new IllegalStateException("test certificate " + subject, e);
        }
    }

    private static KeyPair generate(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (algorithm.equals("EC")) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            }
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(algorithm, e);
        }
    }

    static String pem(Object o) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o instanceof PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
