package net.sigsrv.infra.incus.remote;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a client key pair like the incus CLI does (ECDSA P-384, self-signed, ten years), with the key in PKCS#8
 * PEM, which every TLS stack reads. The key file is created with mode 0600 before anything is written to it.
 */
public final class ClientCertificate {

    private ClientCertificate() {
    }

    /** Writes {@code cert} and {@code key} unless both exist; returns whether it generated them. */
    public static boolean ensure(Path cert, Path key, String commonName) throws IOException {
        if (Files.exists(cert) && Files.exists(key)) {
            return false;
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
            KeyPair pair = gen.generateKeyPair();
            Instant now = Instant.now();
            X500Name subject = new X500Name("CN=" + commonName + ",O=sigsrv-infra");
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate()));
            Files.createDirectories(cert.getParent());
            Files.createDirectories(key.getParent());
            writePrivate(key, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
            Files.writeString(cert, pem(holder), StandardCharsets.US_ASCII);
            return true;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot generate a client certificate: " + e.getMessage(), e);
        }
    }

    private static void writePrivate(Path key, String pem) throws IOException {
        Files.deleteIfExists(key);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    }

    private static String pem(Object o) throws IOException {
        StringWriter s = new StringWriter();
        try (Writer w = s; JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        return s.toString();
    }
}
