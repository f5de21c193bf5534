package net.sigsrv.infra.incus.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.transport.Pem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Remote resolution from the incus CLI's files, without any daemon. */
class RemotesTest {

    @Test
    void readsTheIncusCliRemotesWithTheirCertificates(@TempDir Path home) throws Exception {
        Path incus = home.resolve(".config/incus");
        Files.createDirectories(incus.resolve("servercerts"));
        Files.writeString(incus.resolve("config.yml"), """
                default-remote: sigsrv
                remotes:
                  images:
                    addr: https://images.linuxcontainers.org
                    protocol: simplestreams
                    public: true
                  local:
                    addr: unix://
                    public: false
                  sigsrv:
                    addr: https://sigsrv.local:8443
                    protocol: incus
                    public: false
                  sock:
                    addr: unix:///run/incus/unix.socket
                    protocol: incus
                """);
        ClientCertificate.ensure(incus.resolve("client.crt"), incus.resolve("client.key"), "test");
        Files.copy(incus.resolve("client.crt"), incus.resolve("servercerts/sigsrv.crt"));

        Map<String, Remote> all = new Remotes(Map.of(), home).all();

        assertThat(all).doesNotContainKey("images"); // an image server, not a daemon
        Endpoint.Https sigsrv = (Endpoint.Https) all.get("sigsrv").endpoint();
        assertThat(sigsrv.url().toString()).isEqualTo("https://sigsrv.local:8443");
        assertThat(sigsrv.clientCert()).contains(incus.resolve("client.crt"));
        assertThat(sigsrv.pinned()).hasSize(1);
        assertThat(Pem.fingerprint(sigsrv.pinned().getFirst()))
                .isEqualTo(Pem.fingerprint(Pem.certificates(incus.resolve("client.crt")).getFirst()));
        assertThat(((Endpoint.Unix) all.get("sock").endpoint()).socket()).isEqualTo(Path.of("/run/incus/unix.socket"));
        assertThat(all.get("sigsrv").origin()).endsWith(".config/incus/config.yml");
    }

    @Test
    void infrasOwnRemotesWinOverTheCliOnes(@TempDir Path home) throws Exception {
        CliConfig incus = new CliConfig(home.resolve(".config/incus"));
        incus.putRemote("lab1", "https://a.example:8443", "incus");
        Remotes remotes = new Remotes(Map.of(), home);
        remotes.own().putRemote("lab1", "https://b.example:8443", "incus");
        assertThat(remotes.find("lab1").orElseThrow().endpoint().describe()).isEqualTo("https://b.example:8443");
    }

    @Test
    void localFollowsIncusSocketThenLxdDir(@TempDir Path dir) throws Exception {
        Path socket = Files.createFile(dir.resolve("incus.socket"));
        Path lxd = Files.createDirectories(dir.resolve("lxd"));
        Files.createFile(lxd.resolve("unix.socket"));
        assertThat(new Remotes(Map.of("INCUS_SOCKET", socket.toString()), dir).local().orElseThrow().endpoint())
                .isEqualTo(new Endpoint.Unix(socket));
        assertThat(new Remotes(Map.of("LXD_DIR", lxd.toString()), dir).local().orElseThrow().endpoint())
                .isEqualTo(new Endpoint.Unix(lxd.resolve("unix.socket")));
    }

    @Test
    void generatedClientKeyIsPrivateAndReadable(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("client.crt");
        Path key = dir.resolve("client.key");
        assertThat(ClientCertificate.ensure(cert, key, "me")).isTrue();
        assertThat(Files.getPosixFilePermissions(key))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Pem.privateKey(key).getAlgorithm()).isEqualTo("EC");
        assertThat(Pem.certificates(cert).getFirst().getSubjectX500Principal().getName()).contains("CN=me");
        assertThat(ClientCertificate.ensure(cert, key, "me")).as("kept when present").isFalse();
    }

    @Test
    void trustTokenDecodesAndNeverShowsItsSecret() {
        String json = "{\"client_name\":\"infra\",\"fingerprint\":\"ABCDEF\",\"addresses\":[\"10.0.0.1:8443\"],"
                + "\"secret\":\"s3cr3t-value\",\"expires_at\":\"0001-01-01T00:00:00Z\"}";
        TrustToken t = TrustToken.decode(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        assertThat(t.fingerprint()).isEqualTo("abcdef");
        assertThat(t.addresses()).containsExactly("10.0.0.1:8443");
        assertThat(t.toString()).doesNotContain("s3cr3t-value").doesNotContain(t.raw());
        assertThatThrownBy(() -> TrustToken.decode("not-a-token")).hasMessageContaining("not a trust token");
    }

    @Test
    void aConfigNameThatIsNotPlainIsAnErrorNamingTheFileNotAPathToFollow(@TempDir Path home) throws Exception {
        Path incus = home.resolve(".config/incus");
        Files.createDirectories(incus.resolve("servercerts"));
        Files.writeString(incus.resolve("config.yml"), """
                remotes:
                  ../../../outside/evil:
                    addr: https://evil.example:8443
                    protocol: incus
                """);
        ClientCertificate.ensure(home.resolve("outside/evil.crt"), home.resolve("outside/evil.key"), "evil");

        assertThatThrownBy(() -> new Remotes(Map.of(), home).all())
                .isInstanceOf(java.io.IOException.class)
                .hasMessage(incus.resolve("config.yml") + ": remote name '../../../outside/evil' is not a plain name:"
                        + " use only letters, digits, '_', '.' and '-' (not only dots), since it names files such"
                        + " as servercerts/NAME.crt; rename it there");
    }

    @Test
    void remoteNamesArePlainFileNames() {
        assertThat(List.of("lab", "lab-2", "my_lab.v2", "A9", ".hidden", "a..b"))
                .allMatch(RemoteName::isPlain);
        assertThat(Arrays.asList("", ".", "..", "...", "../x", "a/b", "/abs", "a b", "a\nb", "a=b", "a:b", "é", null))
                .noneMatch(RemoteName::isPlain);
        assertThatThrownBy(() -> RemoteName.check("x".repeat(100_000) + "/"))
                .hasMessageStartingWith("remote name '" + "x".repeat(64) + "… (100001 characters)' is not a plain");
    }
}
