package net.sigsrv.infra.talos.secrets;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sigsrv.infra.talos.secrets.SecretsBundle.CertAndKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Every part of a bundle checked, as Talos would need it: the tokens' shape, the base64 secrets' lengths, each CA
 * certificate parses, is a CA (basic constraints CA:true, key usage keyCertSign), is valid now, and its private key
 * (under a label Talos reads) parses and belongs to it (a signature made with the key verifies with the
 * certificate); the service-account key parses and is RSA or ECDSA. A problem names the field as talosctl spells it
 * and what is wrong, never the value.
 */
public final class SecretsCheck {

    /**
     * One problem: the field ({@code certs.os.key}; empty for the whole file) and what is wrong with it, a predicate
     * ({@code "is missing"}): shown as {@code "certs.os.key is missing"}, not as {@code field: value}, which the
     * output redaction would take for a secret field and mask.
     */
    public record Problem(String field, String message) {
        @Override
        public String toString() {
            return field.isEmpty() ? message : field + " " + message;
        }
    }

    /** kubeadm's token shape, used by Talos for the bootstrap and trustd tokens. */
    public static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");

    private static final byte[] CHALLENGE = "sigsrv-infra: does this key belong to this certificate?".getBytes();

    private SecretsCheck() {
    }

    /** The problems of {@code b} at {@code now}; empty when Talos can use it. */
    public static List<Problem> check(SecretsBundle b, Instant now) {
        List<Problem> p = new ArrayList<>();
        base64(p, "cluster.id", b.clusterId(), 32);
        base64(p, "cluster.secret", b.clusterSecret(), 32);
        token(p, "secrets.bootstraptoken", b.bootstrapToken());
        if (!b.secretboxEncryptionSecret().isEmpty()) {
            base64(p, "secrets.secretboxencryptionsecret", b.secretboxEncryptionSecret(), 32);
        }
        if (!b.aescbcEncryptionSecret().isEmpty()) {
            base64(p, "secrets.aescbcencryptionsecret", b.aescbcEncryptionSecret(), 32);
        }
        if (b.secretboxEncryptionSecret().isEmpty() == b.aescbcEncryptionSecret().isEmpty()) {
            p.add(new Problem("secrets", "needs exactly one of secretboxencryptionsecret and"
                    + " aescbcencryptionsecret"));
        }
        token(p, "trustdinfo.token", b.trustdToken());
        ca(p, "certs.etcd", b.etcd(), now);
        ca(p, "certs.k8s", b.k8s(), now);
        ca(p, "certs.k8saggregator", b.k8sAggregator(), now);
        Optional<PrivateKey> sa = privateKey(p, "certs.k8sserviceaccount.key", b.k8sServiceAccountKey());
        if (sa.isPresent() && !List.of("RSA", "EC", "ECDSA").contains(sa.get().getAlgorithm())) {
            p.add(new Problem("certs.k8sserviceaccount.key", "is a " + sa.get().getAlgorithm()
                    + " key; Kubernetes signs service-account tokens with RSA or ECDSA"));
        }
        ca(p, "certs.os", b.os(), now);
        return p;
    }

    private static void token(List<Problem> p, String field, String value) {
        if (!TOKEN.matcher(value).matches()) {
            p.add(new Problem(field, "is not a token of the form [a-z0-9]{6}.[a-z0-9]{16}"));
        }
    }

    private static void base64(List<Problem> p, String field, String value, int bytes) {
        try {
            int n = Base64.getDecoder().decode(value).length;
            if (n != bytes) {
                p.add(new Problem(field, "holds " + n + " bytes; Talos uses " + bytes));
            }
        } catch (IllegalArgumentException e) {
            p.add(new Problem(field, "is not standard base64"));
        }
    }

    private static void ca(List<Problem> p, String field, CertAndKey c, Instant now) {
        Optional<X509CertificateHolder> crt = certificate(p, field + ".crt", c.crt(), now);
        Optional<PrivateKey> key = privateKey(p, field + ".key", c.key());
        if (crt.isPresent() && key.isPresent() && !belongs(key.get(), crt.get())) {
            p.add(new Problem(field + ".key", "does not belong to " + field + ".crt (a signature made with it does"
                    + " not verify with the certificate's public key)"));
        }
    }

    /**
     * Parsed with BouncyCastle, not the JDK: talosctl's aggregator CA has an empty subject and issuer, which Go and
     * Kubernetes accept and the JDK's {@code CertificateFactory} refuses.
     */
    private static Optional<X509CertificateHolder> certificate(List<Problem> p, String field, String pem,
                                                               Instant now) {
        Optional<Pem.Block> block = Pem.decode(pem);
        if (block.isEmpty() || !block.get().label().equals(Pem.CERTIFICATE)) {
            p.add(new Problem(field, "is not a PEM block labelled CERTIFICATE"));
            return Optional.empty();
        }
        X509CertificateHolder crt;
        try {
            crt = Certificates.parse(block.get().der());
        } catch (java.io.IOException | RuntimeException e) {
            p.add(new Problem(field, "is not a valid X.509 certificate"));
            return Optional.empty();
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(crt.getExtensions());
        if (constraints == null || !constraints.isCA()) {
            p.add(new Problem(field, "is not a CA certificate (basic constraints CA:true is missing)"));
        }
        KeyUsage usage = KeyUsage.fromExtensions(crt.getExtensions());
        if (usage != null && !usage.hasUsages(KeyUsage.keyCertSign)) {
            p.add(new Problem(field, "has a key usage that does not allow signing certificates (keyCertSign)"));
        }
        if (crt.getNotAfter().toInstant().isBefore(now)) {
            p.add(new Problem(field, "expired on " + crt.getNotAfter().toInstant()));
        } else if (crt.getNotBefore().toInstant().isAfter(now)) {
            p.add(new Problem(field, "is not valid before " + crt.getNotBefore().toInstant()));
        }
        return Optional.of(crt);
    }

    /**
     * The private key of a PEM block under a label Talos reads: {@code EC PRIVATE KEY} (SEC 1), {@code RSA PRIVATE
     * KEY} (PKCS#1), {@code ED25519 PRIVATE KEY} or {@code PRIVATE KEY} (PKCS#8).
     */
    static Optional<PrivateKey> privateKey(List<Problem> p, String field, String pem) {
        Optional<Pem.Block> block = Pem.decode(pem);
        if (block.isEmpty()) {
            p.add(new Problem(field, "is not a PEM block"));
            return Optional.empty();
        }
        String label = block.get().label();
        byte[] der = block.get().der();
        try {
            PrivateKeyInfo info = switch (label) {
                case Pem.EC_PRIVATE_KEY -> {
                    ECPrivateKey sec1 = ECPrivateKey.getInstance(der);
                    if (!(sec1.getParametersObject() instanceof ASN1ObjectIdentifier curve)) {
                        p.add(new Problem(field, "is an EC key without its named curve"));
                        yield null;
                    }
                    yield new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1);
                }
                case Pem.RSA_PRIVATE_KEY -> new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(der));
                case Pem.ED25519_PRIVATE_KEY, Pem.PRIVATE_KEY -> {
                    PrivateKeyInfo info8 = PrivateKeyInfo.getInstance(der);
                    if (label.equals(Pem.ED25519_PRIVATE_KEY)
                            && !info8.getPrivateKeyAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)) {
                        p.add(new Problem(field, "is labelled ED25519 PRIVATE KEY but holds another key type"));
                        yield null;
                    }
                    yield info8;
                }
                default -> {
                    p.add(new Problem(field, "is a PEM block labelled " + label + "; Talos reads EC PRIVATE KEY,"
                            + " RSA PRIVATE KEY, ED25519 PRIVATE KEY and PRIVATE KEY"));
                    yield null;
                }
            };
            return info == null ? Optional.empty() : Optional.of(new JcaPEMKeyConverter().getPrivateKey(info));
        } catch (java.io.IOException | RuntimeException e) {
            p.add(new Problem(field, "is a " + label + " block that does not parse as one"));
            return Optional.empty();
        }
    }

    private static boolean belongs(PrivateKey key, X509CertificateHolder crt) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
        try {
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(CHALLENGE);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(new JcaPEMKeyConverter().getPublicKey(crt.getSubjectPublicKeyInfo()));
            verify.update(CHALLENGE);
            return verify.verify(signature);
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            return false;
        }
    }
}
