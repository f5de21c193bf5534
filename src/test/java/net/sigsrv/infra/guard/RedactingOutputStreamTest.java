package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactingOutputStreamTest {

    private final Secrets secrets = new Secrets();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final RedactingOutputStream stream = new RedactingOutputStream(sink);
    private final PrintStream out = new PrintStream(stream, true, StandardCharsets.UTF_8);

    private String seen() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void completeLinesPassAtOnce() {
        out.println("Plan: 3 to add, 0 to change, 0 to destroy.");
        assertThat(seen()).isEqualTo("Plan: 3 to add, 0 to change, 0 to destroy.\n");
    }

    @Test
    void aPromptShowsBeforeItsLineEnds() {
        out.print("\nDo you want to perform these actions? Only 'yes' will be accepted: ");
        out.flush();
        assertThat(seen()).isEqualTo("\nDo you want to perform these actions? Only 'yes' will be accepted: ");
    }

    @Test
    void aProgressLineRedrawnWithCarriageReturnShowsAtOnce() {
        out.print("exporting web: 12 MiB\r");
        assertThat(seen()).isEqualTo("exporting web: 12 MiB\r");
    }

    @Test
    void aTokenSplitAcrossFlushedWritesIsStillMasked() {
        String token = secrets.trustToken;
        out.print("token " + token.substring(0, 10));
        out.flush();
        out.print(token.substring(10, 30));
        out.flush();
        out.println(token.substring(30) + " ok");
        assertThat(seen()).isEqualTo("token [REDACTED] ok\n");
    }

    @Test
    void aKeyNameSplitFromItsValueIsStillMasked() {
        out.print("Authorization: Bea");
        out.flush();
        out.print("rer ");
        out.flush();
        out.print(secrets.bearerToken.substring(0, 5));
        out.flush();
        out.println(secrets.bearerToken.substring(5));
        assertThat(seen()).isEqualTo("Authorization: [REDACTED]\n");
    }

    @Test
    void aMultiLineKeyPrintedLineByLineShowsOnlyItsMarkers() {
        for (String line : secrets.privateKey.split("\n")) {
            out.println(line);
        }
        out.println("after");
        assertThat(seen()).isEqualTo("-----BEGIN PRIVATE KEY-----[REDACTED]\n-----END PRIVATE KEY-----\nafter\n");
    }

    @Test
    void aKeyAsTheValueOfAFieldNamedLikeAKeyShowsNoBody() {
        // as 'instance show' prints a config value that holds a PEM key: the field rule masks the BEGIN line whole
        out.println("  user.private-key: " + secrets.privateKey.strip());
        out.println("  user.other: x");
        assertThat(seen()).isEqualTo("  user.private-key: [REDACTED]\n-----END PRIVATE KEY-----\n  user.other: x\n");
    }

    @Test
    void aQuotedSecretWithSpacesSplitByAFlushIsMasked() {
        out.print("{\"password\": \"correct horse");
        out.flush();
        out.println(" battery staple\", \"name\": \"x\"}");
        assertThat(seen()).isEqualTo("{\"password\": \"[REDACTED]\", \"name\": \"x\"}\n");
    }

    @Test
    void wrappedBase64OfAKeyIsDroppedAfterItsFirstLine() {
        String b64 = java.util.Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(secrets.privateKey.getBytes(StandardCharsets.US_ASCII));
        out.println(b64);
        out.println("done");
        assertThat(seen()).isEqualTo("[REDACTED]\ndone\n");
    }

    @Test
    void multiByteCharactersSplitAcrossWritesSurvive() throws IOException {
        byte[] text = "größe ✓ token: ab\n".getBytes(StandardCharsets.UTF_8);
        for (byte b : text) {
            stream.write(b);
            stream.flush();
        }
        assertThat(seen()).isEqualTo("größe ✓ token: [REDACTED]\n");
    }

    @Test
    void bytesThatAreNotUtf8PassUnchanged() throws IOException {
        byte[] latin1 = {'c', 'a', 'f', (byte) 0xe9, '\n'};
        stream.write(latin1);
        assertThat(sink.toByteArray()).isEqualTo(latin1);
    }

    @Test
    void closeWritesAPendingLine() throws IOException {
        out.print("last words");
        out.close();
        assertThat(seen()).isEqualTo("last words");
    }

    @Test
    void aBlockUnderASecretKeyIsHeldBackLineByLineAndDropped() {
        out.print("config:\r\n  user.api_token: |2-\r\n");
        out.flush();
        out.print("\r\n    hunt");
        out.flush();
        out.print("er2\r\n  limits.cpu: \"2\"\r\n- name: DB_PASSWORD\n  value: ");
        out.flush();
        assertThat(seen()).isEqualTo("config:\r\n  user.api_token: [REDACTED]\r\n  limits.cpu: \"2\"\r\n"
                + "- name: DB_PASSWORD\n");
        out.println("hunter3");
        assertThat(seen()).endsWith("- name: DB_PASSWORD\n  value: [REDACTED]\n").doesNotContain("hunt");
    }
}
