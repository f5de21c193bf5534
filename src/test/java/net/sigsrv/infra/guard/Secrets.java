package net.sigsrv.infra.guard;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Real-looking secrets for redaction tests, made fresh for each run: a PEM private key (a real EC key), an Incus
 * trust token, a kubeconfig and a talosconfig with base64 PEM data, a bearer token. {@link #fragments} are the
 * pieces that must never appear in any output: every 16-character window of the secret material.
 */
public final class Secrets {

    public final String privateKey;
    public final String trustToken;
    public final String kubeconfig;
    public final String talosconfig;
    public final String bearerToken;
    private final List<String> material = new ArrayList<>();

    public Secrets() {
        SecureRandom random = new SecureRandom();
        try {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            byte[] der = ec.generateKeyPair().getPrivate().getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
            privateKey = "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
            material.add(body.replace("\n", ""));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String secret = hex(random, 32);
        String json = "{\"client_name\":\"leak-test\",\"fingerprint\":\"" + hex(random, 32) + "\",\"addresses\":"
                + "[\"10.235.0.11:8443\"],\"secret\":\"" + secret + "\",\"expires_at\":\"0001-01-01T00:00:00Z\"}";
        trustToken = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        material.add(trustToken);
        material.add(secret);
        String keyData = Base64.getEncoder().encodeToString(privateKey.getBytes(StandardCharsets.US_ASCII));
        String saToken = "eyJhbGciOiJSUzI1NiIsImtpZCI6IiJ9." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"system:serviceaccount:kube-system:" + hex(random, 8) + "\"}")
                        .getBytes(StandardCharsets.UTF_8)) + "." + hex(random, 24);
        kubeconfig = """
                apiVersion: v1
                kind: Config
                clusters:
                - cluster:
                    server: https://p1c0.sigsrv.local:6443
                  name: p1
                users:
                - name: admin@p1
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                - name: robot
                  user:
                    token: %s
                """.formatted(keyData, keyData, saToken);
        material.add(keyData);
        material.add(saToken);
        talosconfig = """
                context: p1
                contexts:
                    p1:
                        endpoints:
                            - 172.20.1.10
                        ca: %s
                        crt: %s
                        key: %s
                """.formatted(keyData, keyData, keyData);
        bearerToken = "sk" + hex(random, 20);
        material.add(bearerToken);
    }

    /** Every 16-character window of every secret: none may appear in output. */
    public List<String> fragments() {
        List<String> out = new ArrayList<>();
        for (String m : material) {
            for (int i = 0; i + 16 <= m.length(); i += 4) {
                out.add(m.substring(i, i + 16));
            }
        }
        return out;
    }

    /** The first fragment of {@code text} found, or null when none is there. */
    public String leakIn(String text) {
        for (String f : fragments()) {
            if (text.contains(f)) {
                return f;
            }
        }
        return null;
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
