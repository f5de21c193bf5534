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

    /**
     * Random secret values under random secret-named keys, in each form a value can take (YAML, JSON, escaped JSON,
     * env, a plan's diff, table rows, block scalars, a value that starts with a newline, a nested block, a folded
     * quote, Kubernetes env pairs, base64 of a kubeconfig or a PEM, wrapped or not), among random lines and words,
     * written in random pieces with random flushes: no word of a secret comes out, of the stream or of
     * {@link Redactor#redact} on the whole document.
     */
    @Test
    void randomSecretValuesInEveryFormNeverShow() throws IOException {
        for (int seed = 0; seed < RUNS; seed++) {
            Random random = new Random(seed);
            List<String> planted = new ArrayList<>();
            StringBuilder doc = new StringBuilder();
            int lines = 1 + random.nextInt(12);
            for (int i = 0; i < lines; i++) {
                doc.append(random.nextInt(3) == 0 ? placed(random, planted) : plainLine(random));
                doc.append(random.nextInt(10) == 0 ? "\r\n" : "\n");
            }
            String text = doc.toString();
            String streamed = writeInPieces(text, random);
            String whole = Redactor.redact(text);
            for (String secret : planted) {
                assertThat(streamed).as("seed %d: %s leaked from:%n%s%n---- output:%n%s", seed, secret, text, streamed)
                        .doesNotContain(secret);
                assertThat(whole).as("seed %d: %s leaked from:%n%s%n---- output:%n%s", seed, secret, text, whole)
                        .doesNotContain(secret);
            }
        }
    }

    private static final String[] SECRET_KEYS = {"environment.PGPASSWORD", "AWS_SECRET_ACCESS_KEY", "user.api_token",
        "db_password", "clientSecret", "X-Auth-Token", "user.credentials", "oauth", "user.db-passphrase",
        "MYSQL_ROOT_PASSWORD", "apiKey", "user.ssh.private_key"};

    /** A random secret value (recorded in {@code planted}) in a random form under a random secret-named key. */
    private static String placed(Random random, List<String> planted) {
        String key = SECRET_KEYS[random.nextInt(SECRET_KEYS.length)];
        String value = word(random);
        planted.add(value);
        String ind = "  ".repeat(random.nextInt(3));
        String before = random.nextBoolean() ? "" : WORDS[random.nextInt(WORDS.length)] + " ";
        String after = random.nextBoolean() ? "" : " " + WORDS[random.nextInt(WORDS.length)];
        return switch (random.nextInt(16)) {
            case 0 -> ind + key + ": " + value + after;
            case 1 -> before + key + "=" + value + (random.nextBoolean() ? "; next" : "");
            case 2 -> before + "{\"" + key + "\": \"" + value + "\", \"name\": \"web\"}";
            case 3 -> before + "\"config\": \"{\\\"" + key + "\\\":\\\"" + value + "\\\"}\"";
            case 4 -> ind + "~ config." + key + " = \"" + word(random) + "\" -> \"" + value + "\"";
            // a borderless table takes its first cell for a key only when written like one (not like oauth)
            case 5 -> String.format("%-28s%s%s", key.equals("oauth") ? "OAUTH_TOKEN" : key, value,
                    after.isEmpty() ? "" : "  " + after.strip());
            case 6 -> "│ " + key + " │ " + value + " │ " + WORDS[random.nextInt(WORDS.length)] + " │";
            case 7 -> ind + key + ": " + (random.nextBoolean() ? "|" : ">-") + "\n" + ind + "    " + word(random)
                    + "\n\n" + ind + "    " + value + " " + value.substring(3) + "\n" + ind + "next: 1";
            case 8 -> ind + key + ": |2-\n\n" + ind + "    " + value;
            case 9 -> ind + key + ":\n" + ind + "  nested: " + value + "\n" + ind + "  - " + value + "x\n" + ind
                    + "other: 1";
            case 10 -> ind + key + ": '" + "word ".repeat(random.nextInt(20)) + "\n" + ind + "  " + value
                    + " word'" + after;
            case 11 -> ind + "- name: " + key + "\n" + ind + "  " + (random.nextBoolean() ? "valueFrom: x\n" + ind
                    + "  " : "") + "value: " + value + "\n" + ind + "- name: other";
            case 12 -> ind + "{\n" + ind + "  \"name\" : \"" + key + "\",\n" + ind + "  \"value\" : \"" + value
                    + "\"\n" + ind + "}";
            case 13 -> before + "env: [{\"name\":\"" + key + "\",\"value\":\"" + value + "\"}]" + after;
            case 14 -> {
                String kubeconfig = "apiVersion: v1\nkind: Config\nusers:\n- name: x\n  user:\n    token: "
                        + value + "\n";
                String b64 = Base64.getEncoder().encodeToString(kubeconfig.getBytes(StandardCharsets.UTF_8));
                planted.add(b64.substring(b64.length() - 40, b64.length() - 16));
                yield before + b64 + after;
            }
            default -> {
                String pem = "-----BEGIN PRIVATE KEY-----\n" + value + "\n-----END PRIVATE KEY-----\n";
                String b64 = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(
                        ("apiVersion: v1\nkind: Secret\n" + "x".repeat(random.nextInt(200)) + pem)
                                .getBytes(StandardCharsets.UTF_8));
                b64.lines().filter(l -> l.length() >= 16).forEach(l -> planted.add(l.substring(0, 16)));
                yield (random.nextBoolean() ? "data: " : "") + b64;
            }
        };
    }

    /** A random secret-looking word, 12 to 24 letters and digits. */
    private static String word(Random random) {
        String chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder w = new StringBuilder();
        int n = 12 + random.nextInt(13);
        for (int i = 0; i < n; i++) {
            w.append(chars.charAt(random.nextInt(chars.length())));
        }
        return w.toString();
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
