package net.sigsrv.infra.talos.secrets;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text as Go's {@code encoding/pem} writes it (64-column base64 lines, a final newline), and the first block of a
 * text read back with its label. Talos's labels are its own ({@code ED25519 PRIVATE KEY} holds PKCS#8), so the
 * label is kept as written rather than mapped to a key type here.
 */
final class Pem {

    static final String CERTIFICATE = "CERTIFICATE";
    static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";
    static final String ED25519_PRIVATE_KEY = "ED25519 PRIVATE KEY";
    static final String PRIVATE_KEY = "PRIVATE KEY";

    /** A decoded block: its label and DER bytes. */
    record Block(String label, byte[] der) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]{1,40})-----\\r?\\n((?:[A-Za-z0-9+/=]*\\r?\\n)*?)-----END \\1-----");

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The first PEM block of {@code text}; empty when there is none or its body is not base64. */
    static Optional<Block> decode(String text) {
        Matcher m = BLOCK.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
