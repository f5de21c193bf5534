package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.remote.Remotes;
import org.junit.jupiter.api.Test;

/** Remote names are file names: {@code remote add}, {@code --remote} and INFRA_REMOTE refuse anything else. */
class RemoteCommandTest {

    private static final String NOT_PLAIN = "is not a plain name: use only letters, digits, '_', '.' and '-'"
            + " (not only dots), since it names files such as servercerts/NAME.crt";

    @Test
    void remoteAddRefusesANameThatIsNotPlainBeforeItConnectsOrWrites() throws IOException {
        Path own = Remotes.fromEnvironment().own().dir();
        List<String> before = listing(own);
        try (ServerSocket daemon = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            daemon.setSoTimeout(300);
            for (String name : List.of("../evil", "a/b", "..", "x;touch y")) {
                Cli.Result r = Cli.run("remote", "add", name, "https://127.0.0.1:" + daemon.getLocalPort(),
                        "--token", token());
                assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
                assertThat(r.err()).isEqualTo("infra: remote name '" + name + "' " + NOT_PLAIN
                        + "; nothing was written\n");
            }
            assertThat(accepted(daemon)).as("no connection to the server was made").isFalse();
        }
        assertThat(listing(own)).as("nothing written in " + own).isEqualTo(before);
    }

    @Test
    void theRemoteOptionRefusesANameThatIsNotPlain() {
        Cli.Result r = Cli.run("hosts", "--remote", "../../tmp/x");
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("infra: --remote: remote name '../../tmp/x' " + NOT_PLAIN + "\n");
    }

    @Test
    void infraRemoteIsCheckedTheSameWay() {
        InfraCommand root = new InfraCommand();
        assertThat(root.remote(Map.of("INFRA_REMOTE", "lab"))).contains("lab");
        assertThat(root.remote(Map.of())).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> root.remote(Map.of("INFRA_REMOTE", "a/../b")))
                .isInstanceOf(InfraException.class)
                .hasMessage("INFRA_REMOTE: remote name 'a/../b' " + NOT_PLAIN);
    }

    private static boolean accepted(ServerSocket server) throws IOException {
        try {
            server.accept().close();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.map(Path::toString).sorted().toList();
        }
    }

    private static String token() {
        String json = "{\"client_name\":\"infra\",\"fingerprint\":\"abcdef\",\"addresses\":[\"127.0.0.1:8443\"],"
                + "\"secret\":\"s3cr3t\",\"expires_at\":\"0001-01-01T00:00:00Z\"}";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
