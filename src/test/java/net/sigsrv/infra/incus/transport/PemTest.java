package net.sigsrv.infra.incus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.security.interfaces.ECPrivateKey;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Private keys in every form the incus and lxc CLIs (and openssl) write are read as the same key. */
class PemTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"EC, PKCS8", "EC, NATIVE", "RSA, PKCS8", "RSA, NATIVE"})
    void eachFormYieldsAKeyThatSignsForItsPublicHalf(String algorithm, String form) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            g.initialize(new ECGenParameterSpec("secp384r1"));
        } else {
            g.initialize(2048);
        }
        KeyPair pair = g.generateKeyPair();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        String pem = form.equals("PKCS8") ? pem("PRIVATE KEY", pkcs8) : traditional(pair);
        assertThat(pem).startsWith(form.equals("PKCS8") ? "-----BEGIN PRIVATE KEY-----"
                : "-----BEGIN " + algorithm + " PRIVATE KEY-----");

        PrivateKey read = Pem.privateKey(pem, "client.key");

        String scheme = algorithm.equals("EC") ? "SHA384withECDSA" : "SHA256withRSA";
        Signature sign = Signature.getInstance(scheme);
        sign.initSign(read);
        sign.update("GET /1.0".getBytes());
        byte[] signature = sign.sign();
        Signature verify = Signature.getInstance(scheme);
        verify.initVerify(pair.getPublic());
        verify.update("GET /1.0".getBytes());
        assertThat(verify.verify(signature)).isTrue();
    }

    @Test
    void somethingElseIsRefusedNamingTheFileNotItsContents() {
        String notAKey = pem("PRIVATE KEY", "not a key at all, but secret".getBytes());
        assertThatThrownBy(() -> Pem.privateKey(notAKey, "/home/me/.config/incus/client.key"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("/home/me/.config/incus/client.key")
                .hasMessageNotContaining("secret").hasMessageNotContaining(notAKey.lines().skip(1).findFirst().get());
    }

    /**
     * SEC1 {@code EC PRIVATE KEY} with the curve named inside (as Go's x509.MarshalECPrivateKey, i.e. the incus CLI,
     * and openssl write it) or PKCS#1 {@code RSA PRIVATE KEY}.
     */
    private static String traditional(KeyPair pair) throws IOException {
        if (pair.getPrivate() instanceof ECPrivateKey ec) {
            byte[] point = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()).getPublicKeyData()
                    .getBytes();
            return pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(384, ec.getS(),
                    new DERBitString(point), SECObjectIdentifiers.secp384r1).getEncoded());
        }
        return pem("RSA PRIVATE KEY", PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded()).parsePrivateKey()
                .toASN1Primitive().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
