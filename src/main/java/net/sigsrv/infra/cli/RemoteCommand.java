package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.remote.Remote;
import net.sigsrv.infra.incus.remote.RemoteJoin;
import net.sigsrv.infra.incus.remote.RemoteName;
import net.sigsrv.infra.incus.remote.Remotes;
import net.sigsrv.infra.incus.remote.TrustToken;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "remote",
        mixinStandardHelpOptions = true,
        header = "Manage the Incus remotes infra can talk to.",
        description = "infra reads the remotes of the incus and lxc CLIs as they are, plus the built-ins 'local'"
                + " (the local unix socket) and 'lab' (the test lab made by lab/up). Remotes added here are"
                + " written to ~/.config/sigsrv-infra in the incus CLI's own layout.",
        subcommands = {RemoteCommand.ListRemotes.class, RemoteCommand.Add.class})
final class RemoteCommand extends CommandGroup {

    @Category("Lab")
    @Command(name = "list", mixinStandardHelpOptions = true,
            header = "List the remotes infra knows, with where each is defined.")
    static final class ListRemotes implements Callable<Integer> {

        @Mixin
        OutputOption output;

        @Override
        public Integer call() {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Remote r : all().values()) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("name", r.name());
                row.put("address", r.endpoint().describe());
                row.put("auth", r.endpoint() instanceof Endpoint.Https h ? (h.clientCert().isPresent()
                        ? "client certificate" : "none") + (h.pinned().isEmpty() ? ", CA-verified"
                        : ", pinned server certificate") : "unix socket");
                row.put("origin", r.origin());
                rows.add(row);
            }
            return output.table(rows, new Table("NAME", "ADDRESS", "AUTH", "DEFINED IN"),
                    (t, r) -> t.row(r.get("name"), r.get("address"), r.get("auth"), r.get("origin")));
        }

        private static Map<String, Remote> all() {
            try {
                return Remotes.fromEnvironment().all();
            } catch (IOException e) {
                throw InfraException.invalidInput("cannot read remote configuration: " + e.getMessage());
            }
        }
    }

    @Category("Lab")
    @Command(name = "add", mixinStandardHelpOptions = true,
            header = "Join a server with a trust token and save it as a remote.",
            description = "Run 'incus config trust add NAME' (or 'lxc config trust add') on the server, then give"
                    + " the token here. The server's certificate is accepted only if its fingerprint matches the"
                    + " token, and is pinned. A client certificate is generated if there is none (key mode 0600)."
                    + " Pass the token through --token-file or '--token -' (stdin) to keep it out of shell"
                    + " history and the process list.")
    static final class Add implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "NAME", description = "Name for the remote: letters, digits, '_', '.'"
                + " and '-' (it names files).")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "The server's address, https://HOST[:PORT];"
                + " without a port, 8443 (the daemon's) is used and saved.")
        String url;

        @Option(names = "--token", paramLabel = "TOKEN", description = "The trust token, or '-' to read it from stdin.")
        String token;

        @Option(names = "--token-file", paramLabel = "FILE", description = "Read the trust token from FILE.")
        Path tokenFile;

        @picocli.CommandLine.Spec
        CommandSpec command;

        @Override
        public Integer call() throws IOException {
            try {
                RemoteName.check(name);
            } catch (IllegalArgumentException e) {
                throw InfraException.invalidInput(e.getMessage() + "; nothing was written");
            }
            URI uri;
            try {
                uri = RemoteJoin.withDefaultPort(URI.create(url));
            } catch (IllegalArgumentException e) {
                throw InfraException.invalidInput("URL '" + url + "' is not https://HOST[:PORT]");
            }
            TrustToken trust;
            try {
                trust = TrustToken.decode(readToken());
            } catch (IllegalArgumentException e) {
                throw InfraException.invalidInput(e.getMessage());
            }
            var out = command.commandLine().getOut();
            var own = Remotes.fromEnvironment().own();
            RemoteJoin.Joined joined = RemoteJoin.join(own, name, uri, trust, Audit.log(command, name,
                    new Endpoint.Https(uri, java.util.Optional.of(own.clientCert()), java.util.Optional.empty(),
                            java.util.List.of())));
            if (joined.generatedClientCertificate()) {
                out.println("Generated a client certificate in " + Remotes.fromEnvironment().own().dir());
            }
            out.println("Server certificate " + joined.serverFingerprint() + " matches the token; pinned.");
            out.println((joined.alreadyTrusted() ? "Already trusted by " : "Now trusted by ") + uri + ".");
            out.println("Remote '" + name + "' saved; use it with --remote " + name + ".");
            return ExitCode.OK.code();
        }

        private String readToken() throws IOException {
            if (tokenFile != null) {
                return Files.readString(tokenFile, StandardCharsets.UTF_8).trim();
            }
            if ("-".equals(token)) {
                InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (token == null || token.isBlank()) {
                throw InfraException.invalidInput("give the trust token with --token TOKEN, --token - (stdin) or"
                        + " --token-file FILE");
            }
            return token;
        }
    }
}
