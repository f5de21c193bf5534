package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one 'yes' prompt: only 'yes' consents, and apply asks it before it changes anything. */
class ConfirmationTest {

    private final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    private static boolean answer(String typed) throws Exception {
        System.setIn(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)));
        StringWriter shown = new StringWriter();
        boolean yes = Confirmation.ask(new PrintWriter(shown), "Run these commands?");
        assertThat(shown.toString()).isEqualTo("\nRun these commands? Only 'yes' will be accepted: ");
        return yes;
    }

    @Test
    void onlyYesConsents() throws Exception {
        assertThat(answer("yes\n")).isTrue();
        assertThat(answer("  yes \n")).isTrue();
        assertThat(answer("y\n")).isFalse();
        assertThat(answer("YES\n")).isFalse();
        assertThat(answer("")).isFalse();
    }

    @Test
    void applyAsksBeforeItChangesTheLabAndANoChangesNothing(@TempDir Path dir) throws Exception {
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                lab: confirm
                hosts:
                  - name: sigsrv
                    address: https://sigsrv.local:8443
                  - name: minisrv
                    address: https://minisrv.local:8443
                networks:
                  - name: askbr0
                    ipv4: 10.82.0.0/24
                """);
        System.setIn(new ByteArrayInputStream("no\n".getBytes(StandardCharsets.UTF_8)));
        Cli.Result r = Cli.sim(dir.resolve("state"), "apply", spec.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.out()).contains("\nDo you want to perform these actions? Only 'yes' will be accepted: ");
        assertThat(r.err()).contains("infra: apply cancelled; nothing was changed");
        System.setIn(new ByteArrayInputStream("no\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(Cli.sim(dir.resolve("state"), "apply", spec.toString()).out()).as("the same plan: nothing was applied").isEqualTo(r.out());
    }
}
