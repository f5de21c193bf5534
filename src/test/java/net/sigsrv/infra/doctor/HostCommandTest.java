package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Host commands are argument lists quoted in one place: a real POSIX shell ({@code /bin/sh}) reads the text back into
 * exactly the arguments, whatever an interface name holds, and runs none of it; what the prompt and the audit log
 * would show is what runs, or the command is refused.
 */
class HostCommandTest {

    /** Names Linux accepts for an interface (at most 15 bytes, no '/', ':' or whitespace) that are shell syntax. */
    static final List<String> HOSTILE = List.of("a;id", "$(id)", "`id`", "x=passwd=1", "a'b", "'", "a\\b",
            "$(touch${IFS}p)", "`touch${IFS}p`", "a|id&&id>f", "-h", "*", "~root", "#x", "!!", "{a,b}", "a\"b");

    @TempDir
    Path dir;

    @Test
    void plainWordsStayReadable() {
        HostCommand c = HostCommand.of("sigsrv", "ip", "addr", "del", "10.0.0.5/24", "dev", "sigsrv0");
        assertThat(c.text()).isEqualTo("ip addr del 10.0.0.5/24 dev sigsrv0");
        assertThat(c).hasToString("sigsrv$ ip addr del 10.0.0.5/24 dev sigsrv0");
        assertThat(c.whyNotRunnable()).isEmpty();
    }

    @Test
    void hostileWordsAreSingleQuoted() {
        assertThat(HostCommand.of("h", "ip", "link", "set", "dev", "a;id", "up").text())
                .isEqualTo("ip link set dev 'a;id' up");
        assertThat(HostCommand.of("h", "ip", "link", "set", "dev", "$(id)", "up").text())
                .isEqualTo("ip link set dev '$(id)' up");
        assertThat(HostCommand.of("h", "ip", "link", "set", "dev", "`id`", "up").text())
                .isEqualTo("ip link set dev '`id`' up");
        assertThat(HostCommand.of("h", "ip", "link", "set", "dev", "a'b", "up").text())
                .isEqualTo("ip link set dev 'a'\\''b' up");
        assertThat(HostCommand.quote("")).isEqualTo("''");
    }

    /** The text, run by /bin/sh with printf in place of ip, prints back each argument and creates no file. */
    @ParameterizedTest
    @ValueSource(strings = {"a;id", "$(id)", "`id`", "x=passwd=1", "a'b", "'", "a\\b", "$(touch${IFS}p)",
        "`touch${IFS}p`", "a|id&&id>f", "-h", "*", "~root", "#x", "!!", "{a,b}", "a\"b", "$HOME", "a\nb"})
    void theShellReadsTheTextBackIntoTheArgumentsAndRunsNothing(String name) throws Exception {
        Files.writeString(dir.resolve("keep"), "");
        HostCommand c = HostCommand.of("h", "printf", "[%s]\\n", "dev", name, "up");
        Process p = new ProcessBuilder("/bin/sh", "-c", c.text()).directory(dir.toFile())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo("[dev]\n[" + name + "]\n[up]\n");
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no payload ran").containsExactly("keep");
        }
    }

    @Test
    void aCommandTheSecretFilterWouldMaskIsNotRunnable() {
        HostCommand c = HostCommand.of("sigsrv", "ip", "link", "set", "dev", "x=passwd=1", "up");
        assertThat(c.text()).isEqualTo("ip link set dev 'x=passwd=1' up");
        assertThat(c.whyNotRunnable()).hasValueSatisfying(why -> assertThat(why)
                .contains("holds a secret", "masked"));
        assertThat(HostCommand.of("sigsrv", "ip", "link", "set", "dev", "token:abc", "up").whyNotRunnable())
                .isPresent();
    }

    @Test
    void aCommandWithAControlCharacterIsNotRunnable() {
        assertThat(HostCommand.of("sigsrv", "ip", "link", "set", "dev", "a\u001b[2Kb", "up").whyNotRunnable())
                .hasValue("'a\\u001b[2Kb' holds a character that cannot be shown as it is (U+001B)");
        assertThat(HostCommand.of("sigsrv", "ip", "link", "set", "dev", "a\u202eb", "up").whyNotRunnable())
                .isPresent();
    }

    @Test
    void everyHostileKernelNameIsRunnableOrRefusedNeverShownDifferently() {
        List<String> runnable = new ArrayList<>();
        for (String name : HOSTILE) {
            HostCommand c = HostCommand.of("sigsrv", "ip", "link", "set", "dev", name, "up");
            if (c.whyNotRunnable().isEmpty()) {
                runnable.add(name);
                assertThat(net.sigsrv.infra.guard.Redactor.redact(c.toString())).isEqualTo(c.toString());
            }
        }
        assertThat(runnable).doesNotContain("x=passwd=1").contains("a;id", "$(id)", "`id`");
    }

    @Test
    void anEmptyCommandIsABug() throws IOException {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HostCommand("h", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
