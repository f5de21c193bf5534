package net.sigsrv.infra.talos.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sigsrv.infra.talos.secrets.SecretsBundle.CertAndKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * New machine secrets, made as {@code talosctl gen secrets} makes them (siderolabs/talos
 * {@code pkg/machinery/config/generate/secrets}, with siderolabs/crypto {@code x509}):
 * <ul>
 *   <li>cluster id and secret: 32 random bytes each, standard base64;</li>
 *   <li>bootstrap and trustd tokens: {@code [a-z0-9]{6}.[a-z0-9]{16}} (kubeadm's token shape);</li>
 *   <li>secretbox encryption secret (Talos after 1.2; the AES-CBC one before): 32 random bytes, base64;</li>
 *   <li>CAs, self-signed, valid from now for 87600 h (10 years), CA:true without a path length, key usage
 *       digitalSignature + keyCertSign (critical), extended key usage serverAuth + clientAuth, a random 20-byte
 *       subject key id, a random serial below 2^128, subject {@code O=talos} (OS CA, Ed25519, key as PKCS#8 under
 *       {@code ED25519 PRIVATE KEY}), {@code O=etcd} and {@code O=kubernetes} (ECDSA P-256 signed with SHA-256, key as
 *       SEC 1 under {@code EC PRIVATE KEY}) and an empty subject for the aggregator CA (ECDSA P-256: talosctl passes
 *       the common name {@code front-proxy}, but its CA template carries only organisations, so none is set);</li>
 *   <li>service-account key: RSA 4096 (PKCS#1, {@code RSA PRIVATE KEY}) for Talos after 1.6, ECDSA P-256 for 1.6
 *       and before ({@code VersionContract.UseRSAServiceAccountKey}).</li>
 * </ul>
 */
public final class SecretsGenerator {

    /** How long a CA is valid: talosctl's {@code CAValidityTime}, 87600 hours. */
    public static final long CA_VALIDITY_HOURS = 87_600;

    private static final String TOKEN_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\..*)?");

    private final SecureRandom random;

    public SecretsGenerator(SecureRandom random) {
        this.random = random;
    }

    public SecretsGenerator() {
        this(new SecureRandom());
    }

    /**
     * A new bundle for a cluster running {@code talosVersion} ({@code v1.10.2}, {@code 1.7}): the version decides
     * the service-account key type and the encryption secret, as talosctl's version contract does.
     *
     * @throws IllegalArgumentException when the version is not {@code [v]MAJOR.MINOR[.…]}
     */
    public SecretsBundle generate(String talosVersion, Instant now) {
        int[] v = version(talosVersion);
        boolean after16 = v[0] > 1 || v[0] == 1 && v[1] > 6;
        boolean after12 = v[0] > 1 || v[0] == 1 && v[1] > 2;
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        try {
            String encryption = base64(randomBytes(32));
            return new SecretsBundle(base64(randomBytes(32)), base64(randomBytes(32)), token(), after12 ? encryption : "",
                    after12 ? "" : encryption, token(),
                    ecdsaCa(organization("etcd"), notBefore),
                    ecdsaCa(organization("kubernetes"), notBefore),
                    ecdsaCa(new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), notBefore),
                    after16 ? rsaKey() : ecKeyPem(ecKeyPair()),
                    ed25519Ca(organization("talos"), notBefore));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("the JDK cannot make Talos keys: " + e.getMessage(), e);
        }
    }

    /** {@code [a-z0-9]{6}.[a-z0-9]{16}}, uniform over the alphabet (bytes ≥ 252 are drawn again, as talosctl does). */
    String token() {
        return randomString(6) + "." + randomString(16);
    }

    static int[] version(String talosVersion) {
        Matcher m = VERSION.matcher(talosVersion == null ? "" : talosVersion.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("Talos version " + talosVersion + ": not [v]MAJOR.MINOR[.PATCH]");
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
    }

    private String randomString(int length) {
        StringBuilder s = new StringBuilder(length);
        byte[] one = new byte[1];
        while (s.length() < length) {
            random.nextBytes(one);
            int b = one[0] & 0xff;
            if (b < 252) {
                s.append(TOKEN_ALPHABET.charAt(b % TOKEN_ALPHABET.length()));
            }
        }
        return s.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static X500Name organization(String o) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, o).build();
    }

    private CertAndKey ecdsaCa(X500Name subject, Instant notBefore)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair kp = ecKeyPair();
        return new CertAndKey(caCertificate(subject, kp, "SHA256withECDSA", notBefore), ecKeyPem(kp));
    }

    private CertAndKey ed25519Ca(X500Name subject, Instant notBefore)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        g.initialize(255, random);
        KeyPair kp = g.generateKeyPair();
        // Go's MarshalPKCS8PrivateKey: version 0, the algorithm without parameters, the seed; no public key field
        PrivateKeyInfo jdk = PrivateKeyInfo.getInstance(kp.getPrivate().getEncoded());
        PrivateKeyInfo go = new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                jdk.parsePrivateKey());
        String key = Pem.encode(Pem.ED25519_PRIVATE_KEY, go.getEncoded(ASN1Encoding.DER));
        return new CertAndKey(caCertificate(subject, kp, "Ed25519", notBefore), key);
    }

    private KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"), random);
        return g.generateKeyPair();
    }

    /** SEC 1 as Go's {@code MarshalECPrivateKey}: version 1, the 32-byte scalar, the named curve, the public point. */
    private static String ecKeyPem(KeyPair kp) throws IOException {
        BigInteger d = ((java.security.interfaces.ECPrivateKey) kp.getPrivate()).getS();
        DERBitString point = new DERBitString(
                SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()).getPublicKeyData().getBytes());
        ECPrivateKey sec1 = new ECPrivateKey(256, d, point, SECObjectIdentifiers.secp256r1);
        return Pem.encode(Pem.EC_PRIVATE_KEY, sec1.getEncoded(ASN1Encoding.DER));
    }

    private String rsaKey() throws GeneralSecurityException, IOException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(4096, random);
        PrivateKey key = g.generateKeyPair().getPrivate();
        byte[] pkcs1 = PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive()
                .getEncoded(ASN1Encoding.DER);
        return Pem.encode(Pem.RSA_PRIVATE_KEY, pkcs1);
    }

    /**
     * A self-signed CA certificate, assembled from its ASN.1 parts: BouncyCastle's builders refuse the empty subject
     * and issuer that talosctl's aggregator CA has, which Go (and so Talos and Kubernetes) accepts.
     */
    private String caCertificate(X500Name subject, KeyPair kp, String signature, Instant notBefore)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        BigInteger serial = new BigInteger(128, random);
        Instant notAfter = notBefore.plus(CA_VALIDITY_HOURS, ChronoUnit.HOURS);
        ExtensionsGenerator ext = new ExtensionsGenerator();
        ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
        ext.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        ext.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(randomBytes(20)));
        ContentSigner signer = new JcaContentSignerBuilder(signature).build(kp.getPrivate());

        ASN1EncodableVector tbs = new ASN1EncodableVector();
        tbs.add(new DERTaggedObject(true, 0, new ASN1Integer(2)));
        tbs.add(new ASN1Integer(serial));
        tbs.add(signer.getAlgorithmIdentifier());
        tbs.add(subject);
        tbs.add(new DERSequence(new ASN1Encodable[] {new Time(Date.from(notBefore)), new Time(Date.from(notAfter))}));
        tbs.add(subject);
        tbs.add(SubjectPublicKeyInfo.getInstance(kp.getPublic().getEncoded()));
        tbs.add(new DERTaggedObject(true, 3, ext.generate()));
        DERSequence tbsCertificate = new DERSequence(tbs);
        try (OutputStream out = signer.getOutputStream()) {
            out.write(tbsCertificate.getEncoded(ASN1Encoding.DER));
        }
        DERSequence certificate = new DERSequence(new ASN1Encodable[] {tbsCertificate, signer.getAlgorithmIdentifier(),
            new DERBitString(signer.getSignature())});
        return Pem.encode(Pem.CERTIFICATE, certificate.getEncoded(ASN1Encoding.DER));
    }
}
