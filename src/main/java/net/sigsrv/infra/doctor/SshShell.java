package net.sigsrv.infra.doctor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntry;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Host commands over SSH with the Apache MINA SSHD client. A host is found in an OpenSSH client config (the
 * {@code Host} entry named like the cluster member: {@code HostName}, {@code Port}, {@code User},
 * {@code IdentityFile}, {@code UserKnownHostsFile}), else it is the host part of the spec's address with user root
 * and the usual keys. Server keys are always checked against the known_hosts file; an unknown or changed key is
 * refused. What is sent is {@link HostCommand#text()}, the string that was shown and is audited. Nothing secret is
 * printed: only the command, its exit status and its output.
 */
public final class SshShell implements HostShell {

    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration COMMAND = Duration.ofSeconds(60);

    /** Where a host is reached. */
    public record Target(String host, String hostName, int port, String user, List<Path> identities,
                         Path knownHosts) {
    }

    private final SshClient client;
    private final List<HostConfigEntry> entries;
    private final java.util.function.Function<String, Optional<String>> fallbackAddress;

    /**
     * @param config          an OpenSSH client config ({@code ~/.ssh/config}); may not exist
     * @param fallbackAddress the host's address when the config has no entry for it (from the spec)
     */
    public SshShell(Path config, java.util.function.Function<String, Optional<String>> fallbackAddress) {
        try {
            this.entries = Files.isReadable(config) ? HostConfigEntry.readHostConfigEntries(config) : List.of();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read SSH config " + config + ": " + e.getMessage(), e);
        }
        this.fallbackAddress = fallbackAddress;
        this.client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.start();
    }

    /**
     * The shell of a lab's hosts: each found in {@code config}, else at the host part of the address the spec gives
     * it (when there is a spec).
     */
    public static SshShell forLab(Path config, Optional<net.sigsrv.infra.spec.model.Spec> spec) {
        return new SshShell(config, host -> spec.flatMap(s -> s.hosts().stream()
                .filter(h -> h.name().equals(host)).findFirst()).flatMap(h -> h.address())
                .map(a -> java.net.URI.create(a).getHost()));
    }

    /** How {@code host} is reached, from the config entry or the fallback address. */
    public Target target(String host) {
        Path home = Path.of(System.getProperty("user.home"));
        try {
            HostConfigEntry e = HostConfigEntry.toHostConfigEntryResolver(entries).resolveEffectiveHost(host, 0,
                    null, "", null, null);
            String hostName = e == null || e.getHostName() == null || e.getHostName().equals(host)
                    ? fallbackAddress.apply(host).orElse(host) : e.getHostName();
            int port = e == null || e.getPort() <= 0 ? 22 : e.getPort();
            String user = e == null || e.getUsername() == null || e.getUsername().isEmpty() ? "root"
                    : e.getUsername();
            List<Path> ids = new ArrayList<>();
            if (e != null && e.getIdentities() != null) {
                e.getIdentities().forEach(i -> ids.add(expand(i, home)));
            }
            if (ids.isEmpty()) {
                for (String name : List.of("id_ed25519", "id_ecdsa", "id_rsa")) {
                    ids.add(home.resolve(".ssh").resolve(name));
                }
            }
            String kh = e == null ? null : e.getProperty("UserKnownHostsFile");
            Path knownHosts = kh == null || kh.isBlank() ? home.resolve(".ssh/known_hosts")
                    : expand(kh.strip().split("\\s+")[0], home);
            return new Target(host, hostName, port, user, ids, knownHosts);
        } catch (IOException e) {
            throw new IllegalArgumentException("SSH config for " + host + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Result run(HostCommand command) {
        Target t = target(command.host());
        client.setServerKeyVerifier(new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE,
                t.knownHosts()));
        try (ClientSession session = client.connect(t.user(), t.hostName(), t.port()).verify(CONNECT)
                .getSession()) {
            for (KeyPair kp : keys(t)) {
                session.addPublicKeyIdentity(kp);
            }
            session.auth().verify(CONNECT);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ChannelExec exec = session.createExecChannel(command.text())) {
                exec.setOut(out);
                exec.setErr(out);
                exec.open().verify(CONNECT);
                exec.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), COMMAND);
                Integer status = exec.getExitStatus();
                return new Result(status == null ? -1 : status, out.toString(StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            return new Result(-1, "ssh " + t.user() + "@" + t.hostName() + ":" + t.port() + " failed: "
                    + e.getMessage());
        }
    }

    private static List<KeyPair> keys(Target t) throws IOException {
        List<KeyPair> out = new ArrayList<>();
        for (Path p : t.identities()) {
            if (!Files.isReadable(p)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(p)) {
                Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, () -> p.toString(), in, null);
                if (pairs != null) {
                    pairs.forEach(out::add);
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read key " + p + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static Path expand(String path, Path home) {
        return path.startsWith("~/") ? home.resolve(path.substring(2)) : Path.of(path);
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (RuntimeException e) {
            // closing a client that failed to start
        }
    }
}
