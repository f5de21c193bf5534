package net.sigsrv.infra.talos.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/**
 * PEM certificates and private keys in the forms Talos writes: PKCS#8 under {@code PRIVATE KEY} or Talos's own
 * {@code ED25519 PRIVATE KEY} label (talosconfig, machine secrets), SEC1 {@code EC PRIVATE KEY}, PKCS#1
 * {@code RSA PRIVATE KEY}. Error messages name what was being read ({@code what}), never the contents.
 */
public final class TalosPem {

    private TalosPem() {
    }

    public static List<X509Certificate> certificates(String pem, String what) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(what + " holds no PEM certificate");
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(what + " is not a PEM certificate", e);
        }
    }

    public static PrivateKey privateKey(String pem, String what) {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null) {
                throw new IllegalArgumentException(what + " holds no PEM private key");
            }
            String label = object.getType();
            if (label.equals("PRIVATE KEY") || label.equals("ED25519 PRIVATE KEY")) {
                return pkcs8(object.getContent(), what);
            }
            try (PEMParser parser = new PEMParser(new StringReader(pem))) {
                if (parser.readObject() instanceof PEMKeyPair pair) {
                    // SEC1 keys may leave out the public half; the private key info alone has to do then
                    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
                    return pair.getPublicKeyInfo() != null ? converter.getKeyPair(pair).getPrivate()
                            : converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
            throw new IllegalArgumentException(what + ": unsupported PEM block " + label);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " holds no readable PEM private key", e);
        }
    }

    private static PrivateKey pkcs8(byte[] der, String what) {
        for (String algorithm : List.of("Ed25519", "EC", "RSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        throw new IllegalArgumentException(what + ": a PKCS#8 key of no supported algorithm (Ed25519, EC, RSA)");
    }
}
