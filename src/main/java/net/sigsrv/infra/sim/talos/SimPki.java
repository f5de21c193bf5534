package net.sigsrv.infra.sim.talos;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for the simulated nodes: self-signed (maintenance) or issued by a CA of the configuration. */
final class SimPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate with its private key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal().getName() + "]";
        }
    }

    private SimPki() {
    }

    static KeyPair ed25519() {
        return generate("Ed25519", null);
    }

    static KeyPair ecdsaP256() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    /** A server certificate signed by its own key, as a node in maintenance mode makes at boot. */
    static Issued selfSignedServer(String commonName, List<String> sans) {
        KeyPair pair = ed25519();
        return new Issued(build(new X500Name("CN=" + commonName), pair.getPublic(), new X500Name("CN=" + commonName),
                pair.getPrivate(), sans, KeyPurposeId.id_kp_serverAuth), pair.getPrivate());
    }

    /** A certificate for {@code subject} ("O=…,CN=…") signed by the CA; server or client by {@code purpose}. */
    static Issued issue(Issued ca, String subject, KeyPair pair, List<String> sans, KeyPurposeId purpose) {
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        return new Issued(build(new X500Name(subject), pair.getPublic(), issuer, ca.key(), sans, purpose),
                pair.getPrivate());
    }

    static String pem(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            // keys as PKCS#8: Bouncy Castle's SEC1 form of a JDK EC key leaves out the curve, which Go (kubectl) refuses
            writer.writeObject(certificateOrKey instanceof java.security.PrivateKey key
                    ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null) : certificateOrKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }

    private static X509Certificate build(X500Name subject, PublicKey publicKey, X500Name issuer, PrivateKey signer,
            List<String> sans, KeyPurposeId purpose) {
        try {
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(365))), subject,
                    publicKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (!sans.isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                for (String san : sans) {
                    names.add(isAddress(san) ? new GeneralName(GeneralName.iPAddress, san)
                            : new GeneralName(GeneralName.dNSName, san));
                }
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            var holder = builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate for " + subject, e);
        }
    }

    private static boolean isAddress(String san) {
        return org.bouncycastle.util.IPAddress.isValid(san);
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalArgumentException("a CA key of algorithm " + key.getAlgorithm()
                    + " (Ed25519, ECDSA or RSA expected)");
        };
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a " + algorithm + " key", e);
        }
    }
}
