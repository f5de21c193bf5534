package net.sigsrv.infra.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator is held to the daemon's trust: its state is private to its user, it answers only requests
 * addressed to it on loopback, and {@code --sim-dir} talks only to the process that holds the state's lock.
 */
class SimTrustTest {

    @TempDir
    Path dir;

    @Test
    void stateFilesAre0600InADirectoryMade0700() throws IOException {
        Path state = dir.resolve("sims/state");
        Cli.Result reset = Cli.sim(state, "sim", "reset", "--members", "n1,n2");
        assertThat(reset.exitCode()).as(reset.all()).isZero();
        assertThat(mode(state)).isEqualTo("rwx------");
        assertThat(mode(state.getParent())).as("a parent made on the way too").isEqualTo("rwx------");
        assertThat(mode(state.resolve("lock"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("endpoint"))).isEqualTo("rw-------");
        Sim.stopEmbedded(state);
        assertThat(mode(state.resolve("state.json"))).isEqualTo("rw-------");
        assertThat(state.resolve("endpoint")).doesNotExist();
    }

    @Test
    void filesAnOlderVersionLeftReadableAreMadePrivate() throws IOException {
        Path state = dir.resolve("state");
        assertThat(Cli.sim(state, "sim", "reset").exitCode()).isZero();
        Sim.stopEmbedded(state);
        for (String file : new String[] {"state.json", "lock"}) {
            Files.setPosixFilePermissions(state.resolve(file), PosixFilePermissions.fromString("rw-r--r--"));
        }
        assertThat(Cli.sim(state, "sim", "reset", "--members", "n1").exitCode()).isZero();
        Sim.stopEmbedded(state);
        assertThat(mode(state.resolve("lock"))).isEqualTo("rw-------");
        assertThat(mode(state.resolve("state.json"))).isEqualTo("rw-------");
    }

    @Test
    void onlyRequestsForItsOwnLoopbackNameAreAnswered() throws IOException {
        try (Sim.Served served = Sim.serve(new SimStore(dir.resolve("state")), 0)) {
            int port = served.server().url().getPort();
            assertThat(statusLine(port, "rebind.attacker.example:" + port)).startsWith("HTTP/1.1 421");
            assertThat(statusLine(port, "127.0.0.1")).startsWith("HTTP/1.1 421");
            assertThat(statusLine(port, null)).startsWith("HTTP/1.1 421");
            assertThat(statusLine(port, "127.0.0.1:" + port)).isEqualTo("HTTP/1.1 200 OK");
            assertThat(statusLine(port, "LOCALHOST:" + port)).isEqualTo("HTTP/1.1 200 OK");
        }
    }

    @Test
    void theMisdirectedAnswerSaysWhichHostsItServes() throws IOException {
        try (Sim.Served served = Sim.serve(new SimStore(dir.resolve("state")), 0)) {
            int port = served.server().url().getPort();
            assertThat(exchange(port, "rebind.attacker.example")).contains("\"error_code\":421",
                    "the simulator answers only requests for 127.0.0.1:" + port + " or localhost:" + port
                            + ", not Host 'rebind.attacker.example'");
        }
    }

    @Test
    void aRunningServerOfTheStateIsUsedOnceItProvesItHoldsTheLock() throws IOException {
        Path state = dir.resolve("state");
        try (Sim.Served served = Sim.serve(new SimStore(state), 0)) {
            Cli.Result reset = Cli.sim(state, "sim", "reset", "--members", "a1,a2");
            assertThat(reset.exitCode()).as(reset.all()).isZero();
            assertThat(Cli.sim(state, "hosts").out()).contains("a1", "a2");
        }
    }

    @Test
    void anEndpointFileThatLeadsToAnotherProcessIsNotFollowed() throws IOException {
        Path other = dir.resolve("other");
        Path mine = Files.createDirectories(dir.resolve("mine"));
        try (Sim.Served foreign = Sim.serve(new SimStore(other), 0);
             FileChannel channel = FileChannel.open(mine.resolve("lock"), StandardOpenOption.CREATE,
                     StandardOpenOption.WRITE);
             FileLock held = channel.lock()) { // a process that holds the lock but does not serve (yet)
            String[] stale = {
                foreign.server().url() + "\n", // as an older infra wrote it
                "{\"url\":\"" + foreign.server().url() + "\",\"token\":\"0123456789abcdef\",\"pid\":1}\n"
            };
            for (String file : stale) {
                Files.writeString(mine.resolve("endpoint"), file);
                Cli.Result reset = Cli.sim(mine, "sim", "reset", "--members", "x1,x2");
                assertThat(reset.exitCode()).as(reset.all()).isEqualTo(2);
                assertThat(reset.err()).startsWith("infra: cannot start the simulator with state in " + mine + ": ")
                        .contains(mine.resolve("endpoint").toString());
                assertThat(Cli.sim(other, "hosts").out()).as("the other simulator was left alone")
                        .contains("sigsrv", "minisrv").doesNotContain("x1");
            }
            assertThat(Cli.sim(mine, "hosts").err()).contains("is not the simulator that wrote it (a file left by"
                    + " a process that died, or someone else's). If a simulator is starting, try again; else stop"
                    + " the process holding " + mine.resolve("lock"));
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static String statusLine(int port, String host) throws IOException {
        String answer = exchange(port, host);
        return answer.substring(0, answer.indexOf("\r\n"));
    }

    /** One raw HTTP/1.1 GET /1.0 with {@code host} as its Host header (none when null). */
    private static String exchange(int port, String host) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /1.0 HTTP/1.1\r\n" + (host == null ? "" : "Host: " + host + "\r\n")
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
