package net.sigsrv.infra.incus.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads PEM certificates and private keys in the forms the incus and lxc CLIs write (SEC1 {@code EC PRIVATE KEY},
 * PKCS#1 {@code RSA PRIVATE KEY}, PKCS#8 {@code PRIVATE KEY}). Error messages name the file, never its contents.
 */
public final class Pem {

    private Pem() {
    }

    public static List<X509Certificate> certificates(Path file) throws IOException {
        return certificates(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
    }

    public static List<X509Certificate> certificates(String pem, String source) throws IOException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(
                    StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IOException(source + " holds no PEM certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException(source + " is not a PEM certificate: " + e.getMessage(), e);
        }
    }

    public static PrivateKey privateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return privateKey(r, file.toString());
        }
    }

    static PrivateKey privateKey(String pem, String source) throws IOException {
        return privateKey(new StringReader(pem), source);
    }

    /** PKCS#8 blocks, the form most tools write today. */
    private static final java.util.regex.Pattern PKCS8 = java.util.regex.Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private static PrivateKey privateKey(Reader reader, String source) throws IOException {
        String pem = new java.io.BufferedReader(reader).lines().collect(java.util.stream.Collectors.joining("\n"));
        // PKCS#8 is read by the JDK itself: loading Bouncy Castle's parser costs ~0.2 s of a cold start, which the
        // SEC1 and PKCS#1 forms still pay
        var pkcs8 = PKCS8.matcher(pem);
        if (pkcs8.find()) {
            byte[] der = java.util.Base64.getMimeDecoder().decode(pkcs8.group(1));
            for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448")) {
                try {
                    return java.security.KeyFactory.getInstance(algorithm)
                            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
                } catch (java.security.GeneralSecurityException notThisAlgorithm) {
                    // try the next one; Bouncy Castle below names what it is when none fits
                }
            }
        }
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                // SEC1 keys may omit the public half; then the private key info alone has to do.
                return pair.getPublicKeyInfo() != null ? converter.getKeyPair(pair).getPrivate()
                        : converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
        } catch (IOException | RuntimeException e) {
            throw new IOException(source + " holds no readable PEM private key (" + e.getMessage() + ")", e);
        }
        throw new IOException(source + " holds no unencrypted PEM private key");
    }

    /** SHA-256 of the DER encoding, lower-case hex without separators (as {@code incus remote} shows it). */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }
}
