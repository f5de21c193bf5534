package net.sigsrv.infra.cli;

import java.io.UncheckedIOException;
import net.sigsrv.infra.incus.Poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.remote.CliConfig;
import net.sigsrv.infra.incus.remote.RemoteJoin;
import net.sigsrv.infra.incus.remote.TrustToken;
import net.sigsrv.infra.incus.transport.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab-facing commands against the real lab, as a user runs them with {@code --remote lab}. */
@Tag("lab")
class LabCommandsLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void labIsHealthy() {
        Lab.awaitHealthy(); // a fault test just before may have a member still rejoining
    }

    @Test
    void hostsShowsBothMembersOnline() throws Exception {
        JsonNode members = hosts();
        assertThat(members).hasSize(2);
        members.forEach(m -> assertThat(m.get("status").asText()).as(m.toString()).isEqualTo("Online"));
        Cli.Result table = Cli.run("hosts", "--remote", "lab");
        assertThat(table.out()).contains("NAME", "STATUS", Lab.first(), Lab.second(), "Online");
    }

    @Test
    void aStoppedMemberShowsOfflineWithTheDaemonsMessage() throws Exception {
        Lab.json();
        try {
            fault("stop-member", Lab.second());
            JsonNode minisrv = waitFor(Duration.ofSeconds(120), Lab.second(), "Offline");
            assertThat(minisrv.get("message").asText()).as("the daemon's reason").containsIgnoringCase("heartbeat");
            Cli.Result table = Cli.run("hosts", "--remote", "lab");
            assertThat(table.out()).containsPattern(Lab.second() + "\\s+Offline");
        } finally {
            fault("start-member", Lab.second());
            waitFor(Duration.ofSeconds(180), Lab.second(), "Online");
        }
    }

    @Test
    void remoteAddJoinsWithATrustTokenAndPinsTheServer(@TempDir Path dir) throws Exception {
        String name = "infra-test-" + Long.toHexString(System.nanoTime());
        String token = lxc("config", "trust", "add", "--name", name).strip();
        List<String> lines = token.lines().toList();
        token = lines.getLast().strip();
        CliConfig config = new CliConfig(dir.resolve("sigsrv-infra"));
        URI member = URI.create(Lab.json().at("/members/0/url").asText());
        assertThat(member.getPort()).isEqualTo(8443);
        URI url = URI.create("https://" + member.getHost()); // no port: the daemon's 8443 for everything
        try {
            RemoteJoin.Joined joined = RemoteJoin.join(config, "lab1", url, TrustToken.decode(token));
            assertThat(joined.remote().endpoint().describe()).isEqualTo(member.toString());
            assertThat(Files.readString(config.dir().resolve("config.yml"))).contains("addr: " + member);
            assertThat(joined.generatedClientCertificate()).isTrue();
            assertThat(joined.serverFingerprint()).isEqualTo(Lab.json().at("/cluster/certificate_fingerprint")
                    .asText());
            assertThat(config.remotes()).extracting(r -> r.name()).containsExactly("lab1");
            try (IncusClient client = IncusClient.connect(config.remotes().getFirst().endpoint())) {
                assertThat(client.server().isTrusted()).isTrue();
            }
        } finally {
            String fingerprint = Pem.fingerprint(Pem.certificates(config.clientCert()).getFirst());
            try (IncusClient admin = IncusClient.connect(Lab.unix(Lab.first()))) {
                admin.send("DELETE", ApiPath.of("/1.0/certificates", fingerprint), null, null);
            } catch (IncusException e) {
                // nothing was trusted
            }
        }
    }

    @Test
    void aTokenWhoseFingerprintDoesNotMatchIsRefused(@TempDir Path dir) {
        String forged = Base64.getEncoder().encodeToString(("{\"client_name\":\"x\",\"fingerprint\":\""
                + "00".repeat(32) + "\",\"addresses\":[],\"secret\":\"s\"}").getBytes(StandardCharsets.UTF_8));
        URI url = URI.create(Lab.json().at("/members/0/url").asText());
        assertThatThrownBy(() -> RemoteJoin.join(new CliConfig(dir), "bad", url, TrustToken.decode(forged)))
                .isInstanceOf(IncusException.class)
                .hasMessageContaining(Lab.json().at("/cluster/certificate_fingerprint").asText())
                .hasMessageContaining("refusing");
    }

    private static JsonNode hosts() throws IOException {
        Cli.Result r = Cli.run("hosts", "--remote", "lab", "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        return JSON.readTree(r.out());
    }

    private static JsonNode waitFor(Duration timeout, String member, String status) {
        return Poll.until(member + " " + status, timeout, Duration.ofSeconds(2), () -> {
            Cli.Result r = Cli.run("hosts", "--remote", "lab", "-o", "json");
            try {
                for (JsonNode m : r.exitCode() == 0 ? JSON.readTree(r.out()) : JSON.createArrayNode()) {
                    if (m.get("server_name").asText().equals(member)) {
                        return m;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }, m -> m != null && m.get("status").asText().equals(status));
    }

    private static void fault(String... args) throws Exception {
        run(Golden.repo().resolve("lab/fault").toString(), args);
    }

    private static String lxc(String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = "lxc";
        System.arraycopy(args, 0, full, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().put("LXD_DIR", Lab.json().at("/members/0/lxd_dir").asText());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static void run(String command, String... args) throws Exception {
        String[] full = new String[args.length + 1];
        full[0] = command;
        System.arraycopy(args, 0, full, 1, args.length);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(command + " " + String.join(" ", args) + "\n" + out).isZero();
    }
}
