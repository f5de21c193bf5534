package net.sigsrv.infra.talos.config;

import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fresh throwaway cluster secrets for tests, shaped like Talos's: an Ed25519 OS CA, ECDSA P-256 etcd, Kubernetes
 * and aggregator CAs and service-account key, tokens of Talos's form. {@link #placeholders} maps each value as it
 * appears in a document to a stable name, so golden files hold no key material.
 */
final class TestSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestSecrets() {
    }

    static ClusterSecrets fresh() {
        try {
            String[] os = ca("talos", "Ed25519", null, "Ed25519");
            String[] etcd = ca("etcd", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA");
            String[] k8s = ca("kubernetes", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA");
            String[] agg = ca("aggregator", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA");
            String sa = pem(keyPair("EC", new ECGenParameterSpec("secp256r1")).getPrivate());
            return new ClusterSecrets(os[0], os[1], etcd[0], etcd[1], k8s[0], k8s[1], agg[0], agg[1], sa, token(),
                    token(), random(32), random(32), random(32));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every secret value as a document carries it (base64 of PEM, or as is) → a placeholder. */
    static Map<String, String> placeholders(ClusterSecrets s) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(BaseDocument.base64(s.osCaCert()), "<os-ca-crt>");
        out.put(BaseDocument.base64(s.osCaKey()), "<os-ca-key>");
        out.put(BaseDocument.base64(s.etcdCaCert()), "<etcd-ca-crt>");
        out.put(BaseDocument.base64(s.etcdCaKey()), "<etcd-ca-key>");
        out.put(BaseDocument.base64(s.kubernetesCaCert()), "<k8s-ca-crt>");
        out.put(BaseDocument.base64(s.kubernetesCaKey()), "<k8s-ca-key>");
        out.put(BaseDocument.base64(s.aggregatorCaCert()), "<aggregator-ca-crt>");
        out.put(BaseDocument.base64(s.aggregatorCaKey()), "<aggregator-ca-key>");
        out.put(BaseDocument.base64(s.serviceAccountKey()), "<service-account-key>");
        out.put(s.trustdToken(), "<trustd-token>");
        out.put(s.bootstrapToken(), "<bootstrap-token>");
        out.put(s.clusterId(), "<cluster-id>");
        out.put(s.clusterSecret(), "<cluster-secret>");
        out.put(s.secretboxKey(), "<secretbox-key>");
        return out;
    }

    static String redacted(String yaml, ClusterSecrets s) {
        String out = yaml;
        for (var e : placeholders(s).entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The secrets in talosctl's secrets.yaml format. */
    static String talosctlFile(ClusterSecrets s) {
        return """
                cluster:
                    id: %s
                    secret: %s
                secrets:
                    bootstraptoken: %s
                    secretboxencryptionsecret: %s
                trustdinfo:
                    token: %s
                certs:
                    etcd:
                        crt: %s
                        key: %s
                    k8s:
                        crt: %s
                        key: %s
                    k8saggregator:
                        crt: %s
                        key: %s
                    k8sserviceaccount:
                        key: %s
                    os:
                        crt: %s
                        key: %s
                """.formatted(s.clusterId(), s.clusterSecret(), s.bootstrapToken(), s.secretboxKey(),
                s.trustdToken(), b64(s.etcdCaCert()), b64(s.etcdCaKey()), b64(s.kubernetesCaCert()),
                b64(s.kubernetesCaKey()), b64(s.aggregatorCaCert()), b64(s.aggregatorCaKey()),
                b64(s.serviceAccountKey()), b64(s.osCaCert()), b64(s.osCaKey()));
    }

    private static String b64(String pem) {
        return BaseDocument.base64(pem);
    }

    private static String[] ca(String org, String algorithm, ECGenParameterSpec curve, String signature)
            throws Exception {
        KeyPair pair = keyPair(algorithm, curve);
        X500Name name = new X500Name("O=" + org);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(128, RANDOM), Date.from(now),
                Date.from(now.plus(3650, ChronoUnit.DAYS)), name, pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
        var holder = builder.build(new JcaContentSignerBuilder(signature).build(pair.getPrivate()));
        return new String[] {pem(holder), pem(pair.getPrivate())};
    }

    private static KeyPair keyPair(String algorithm, ECGenParameterSpec curve) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance(algorithm);
        if (curve != null) {
            gen.initialize(curve, RANDOM);
        }
        return gen.generateKeyPair();
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static String token() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 23; i++) {
            b.append(i == 6 ? '.' : alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
