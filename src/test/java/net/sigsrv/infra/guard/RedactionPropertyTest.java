package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A small fuzz run driven by JUnit: random documents mixing ordinary output with secrets in every form the tool
 * knows, written to a {@link RedactingOutputStream} in random pieces with flushes in random places (as a
 * {@code PrintStream} with autoflush does after every print). No fragment of a secret may come out, ordinary text
 * must come out as it went in, and nothing may throw. Seeds are fixed, so a failure is reproducible; the seed is
 * in the assertion message.
 */
class RedactionPropertyTest {

    private static final int RUNS = 600;
    private static final String[] WORDS = {"sigsrv", "minisrv", "Creating…", "instance", "web", "p1c0", "limits.cpu",
        "172.20.0.1/16", "Online", "OK", "größe", "✓", "{", "}", "\"name\":", "\"web\",", "[", "]", "-", "|", "#",
        "=", ":", "done", "Plan:", "3", "to", "add,", "0", "change.", "eth0", "/1.0/instances", "?project=p1",
        "\\n", "\\\"", "'", "→", "ABCD", "MIIB"};

    private final Secrets secrets = new Secrets();

    @Test
    void noSecretLeaksWhateverTheWritesAndFlushes() throws IOException {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            String doc = document(random, true);
            String out = writeInPieces(doc, random);
            assertThat(secrets.leakIn(out)).as("seed %d leaked from:%n%s%n---- output:%n%s", seed, doc, out)
                    .isNull();
        }
    }

    @Test
    void ordinaryTextComesOutAsItWentIn() throws IOException {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            String doc = document(random, false);
            assertThat(writeInPieces(doc, random)).as("seed %d", seed).isEqualTo(doc);
            assertThat(Redactor.redact(doc)).as("seed %d", seed).isEqualTo(doc);
        }
    }

    @Test
    void garbageNeverThrows() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            byte[] bytes = new byte[random.nextInt(4096)];
            random.nextBytes(bytes);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String mixed = text + "-----BEGIN PRIVATE KEY-----" + text + "token: \"" + text + "eyJ" + text;
            assertThatCode(() -> {
                Redactor.redact(text);
                Redactor.redact(mixed);
                writeInPieces(mixed, random);
            }).as("seed %d", seed).doesNotThrowAnyException();
        }
    }

    @Test
    void longLinesDoNotOverflowTheRegexEngine() {
        String longQuoted = "\"password\": \"" + "a\\\"b ".repeat(200_000) + "\"";
        assertThat(Redactor.redact(longQuoted)).isEqualTo("\"password\": \"[REDACTED]\"");
        String words = "token: " + "word ".repeat(100_000);
        assertThat(Redactor.redact(words)).startsWith("token: [REDACTED] word");
    }

    private String document(Random random, boolean withSecrets) {
        StringBuilder doc = new StringBuilder();
        int lines = 1 + random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            if (withSecrets && random.nextInt(4) == 0) {
                doc.append(secret(random));
            } else {
                doc.append(plainLine(random));
            }
            doc.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
        }
        return doc.toString();
    }

    private String plainLine(Random random) {
        List<String> words = new ArrayList<>();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            words.add(WORDS[random.nextInt(WORDS.length)]);
        }
        return "  ".repeat(random.nextInt(3)) + String.join(random.nextBoolean() ? " " : "  ", words);
    }

    private String secret(Random random) {
        String key = secrets.privateKey.strip();
        String keyData = Base64.getEncoder().encodeToString(secrets.privateKey.getBytes(StandardCharsets.US_ASCII));
        return switch (random.nextInt(13)) {
            case 11 -> "  user.private-key: " + key; // as 'instance show' prints a multi-line config value
            case 0 -> key;
            case 1 -> "{\"config\": {\"user.key\": \"" + key.replace("\n", "\\n") + "\"}}";
            case 2 -> "description: join with " + secrets.trustToken + " please";
            case 3 -> secrets.kubeconfig.strip();
            case 4 -> secrets.talosconfig.strip();
            case 5 -> "Authorization: Bearer " + secrets.bearerToken;
            case 6 -> "POST /1.0/certificates: {\\\"type\\\":\\\"client\\\",\\\"password\\\":\\\""
                    + secrets.trustToken + "\\\"}";
            case 7 -> Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(secrets.privateKey.getBytes(StandardCharsets.US_ASCII));
            case 8 -> "  user.secret: \"" + secrets.bearerToken + " and more\"";
            case 9 -> "curl -H 'Authorization: Bearer " + secrets.bearerToken + "'";
            case 10 -> "│ user.kubeconfig │ " + secrets.kubeconfig.replace("\n", "\\n") + " │";
            default -> "client-key-data: " + keyData;
        };
    }

    /** Writes {@code doc} in random pieces (bytes, so characters split too), flushing at random. */
    private static String writeInPieces(String doc, Random random) throws IOException {
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        RedactingOutputStream stream = new RedactingOutputStream(sink);
        int at = 0;
        while (at < bytes.length) {
            int n = Math.min(bytes.length - at, 1 + random.nextInt(random.nextBoolean() ? 8 : 200));
            if (n == 1) {
                stream.write(bytes[at]);
            } else {
                stream.write(bytes, at, n);
            }
            at += n;
            if (random.nextInt(3) == 0) {
                stream.flush();
            }
        }
        stream.close();
        return sink.toString(StandardCharsets.UTF_8);
    }
}
