package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * What {@link EarlyConnection} reads off a command line before picocli has seen it, and that an early connection is
 * only handed to a command whose parsed remote is the one it was opened for.
 */
class EarlyConnectionTest {

    private static Optional<EarlyConnection.Line> scan(Map<String, String> env, String... args) {
        return EarlyConnection.scan(args, env);
    }

    @Test
    void aPlanOrApplyLineNamesItsRemoteWhereverItStands() {
        assertThat(scan(Map.of(), "--remote", "lab", "plan", "--stats", "lab.yaml"))
                .contains(new EarlyConnection.Line("plan", Optional.of("lab")));
        assertThat(scan(Map.of(), "apply", "--auto-approve", "--remote=lab", "lab.yaml"))
                .contains(new EarlyConnection.Line("apply", Optional.of("lab")));
        assertThat(scan(Map.of("INFRA_REMOTE", "prod"), "plan", "lab.yaml"))
                .contains(new EarlyConnection.Line("plan", Optional.of("prod")));
        assertThat(scan(Map.of("INFRA_REMOTE", "prod"), "--remote", "lab", "plan", "lab.yaml"))
                .contains(new EarlyConnection.Line("plan", Optional.of("lab")));
        assertThat(scan(Map.of(), "plan", "lab.yaml")).contains(new EarlyConnection.Line("plan", Optional.empty()));
        // a root option's value is not the command
        assertThat(scan(Map.of(), "--audit-log", "plan", "apply", "lab.yaml"))
                .contains(new EarlyConnection.Line("apply", Optional.empty()));
    }

    @Test
    void otherLinesOpenNothing() {
        assertThat(scan(Map.of(), "validate", "lab.yaml")).isEmpty();
        assertThat(scan(Map.of(), "doctor", "--remote", "lab", "lab.yaml")).isEmpty();
        assertThat(scan(Map.of(), "--sim", "plan", "lab.yaml")).isEmpty();
        assertThat(scan(Map.of(), "plan", "--help")).isEmpty();
        assertThat(scan(Map.of(), "--version")).isEmpty();
        assertThat(scan(Map.of())).isEmpty();
        // a remote name that names files is refused by the command itself, never resolved early
        assertThat(scan(Map.of(), "--remote", "../../etc/x", "plan", "lab.yaml")).isEmpty();
    }

    @Test
    void theEarlyConnectionGoesOnlyToTheRemoteItWasOpenedFor() {
        EarlyConnection.start(new String[] {"--remote", "no-such-remote-early", "plan", "lab.yaml"}, Map.of());
        assertThat(EarlyConnection.take(Optional.of("another"))).isEmpty();
        assertThat(EarlyConnection.take(Optional.of("no-such-remote-early"))).as("dropped after a mismatch").isEmpty();

        EarlyConnection.start(new String[] {"--remote", "no-such-remote-early", "plan", "lab.yaml"}, Map.of());
        Optional<CompletableFuture<EarlyConnection.Opened>> taken = EarlyConnection.take(
                Optional.of("no-such-remote-early"));
        assertThat(taken).isPresent();
        // the error waits for the command, with the words the command would have met anyway
        assertThatThrownBy(() -> taken.get().join()).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(InfraException.class).hasMessageContaining("no remote named"
                        + " 'no-such-remote-early'");
        assertThat(EarlyConnection.take(Optional.of("no-such-remote-early"))).as("taken once").isEmpty();
    }
}
