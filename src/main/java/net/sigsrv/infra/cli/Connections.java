package net.sigsrv.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import net.sigsrv.infra.diag.Futures;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.remote.Remote;
import net.sigsrv.infra.incus.remote.Remotes;
import net.sigsrv.infra.sim.Sim;
import net.sigsrv.infra.spec.schema.Suggest;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Picks the daemon a command talks to: the simulator with {@code --sim}, else {@code --remote} /
 * {@code INFRA_REMOTE}, else the incus CLI's default remote, else the local socket. Unknown names are bad input, with the known names listed.
 * Every client it opens records its mutating calls in the audit log.
 */
final class Connections {

    private Connections() {
    }

    static IncusClient open(CommandSpec command) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        Optional<Path> sim = root.sim();
        if (sim.isPresent()) {
            if (root.remote != null && !root.remote.isBlank()) {
                throw InfraException.invalidInput("--sim and --remote " + root.remote + " name two different labs;"
                        + " give one of them");
            }
            return Audit.install(IncusClient.connect(simulator(sim.get())), command, "sim");
        }
        Remote remote = resolve(command);
        return Audit.install(IncusClient.connect(remote.endpoint()), command, remote.name());
    }

    /**
     * A connection being opened in the background — remote resolved, TLS handshake made, {@code GET /1.0} read —
     * while the command loads its spec: both cost a cold JVM a few hundred milliseconds, and they do not depend on
     * each other. Closing it closes the client whenever it is ready, so a spec error ends the command as before.
     */
    static final class Opening implements AutoCloseable {

        private final CompletableFuture<IncusClient> client;

        private Opening(CompletableFuture<IncusClient> client) {
            this.client = client;
        }

        /** The client, or the error opening it met (bad remote: exit 2; the daemon's errors come on first use). */
        IncusClient client() {
            return Futures.join(client, "opening the connection");
        }

        /** {@code next} run with the client as soon as it is open, on the thread that opened it. */
        <T> CompletableFuture<T> then(Function<IncusClient, T> next) {
            return client.thenApply(next);
        }

        @Override
        public void close() {
            client.whenComplete((c, e) -> {
                if (c != null) {
                    c.close();
                }
            });
        }
    }

    static Opening opening(CommandSpec command) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        if (root.sim().isEmpty()) {
            Optional<CompletableFuture<EarlyConnection.Opened>> early = EarlyConnection.take(root.remote());
            if (early.isPresent()) {
                return new Opening(early.get().thenApply(o -> Audit.install(o.client(), command, o.remote().name())));
            }
        }
        CompletableFuture<IncusClient> f = new CompletableFuture<>();
        Thread.ofVirtual().name("infra-connect").start(() -> {
            try {
                f.complete(ready(open(command)));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return new Opening(f);
    }

    /** {@code c} once it has read {@code GET /1.0} (the TLS handshake made), or tried to. */
    static IncusClient ready(IncusClient c) {
        try {
            c.server();
        } catch (RuntimeException later) {
            // the same call fails again where the command makes it, with its own context
        }
        return c;
    }

    /** The simulator serving {@code dir}: another process's, or one started in this JVM. */
    static Endpoint simulator(Path dir) {
        try {
            return Sim.endpoint(dir);
        } catch (IOException e) {
            throw InfraException.invalidInput("cannot start the simulator with state in " + dir + ": "
                    + e.getMessage());
        }
    }

    static Remote resolve(CommandSpec command) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        return resolve(root.remote());
    }

    /** The remote {@code named} (a checked plain name), else the incus CLI's default remote, else the local socket. */
    static Remote resolve(Optional<String> named) {
        Remotes remotes = Remotes.fromEnvironment();
        try {
            Map<String, Remote> all = remotes.all();
            Optional<String> name = named;
            if (name.isEmpty()) {
                name = remotes.own().defaultRemote().filter(all::containsKey);
            }
            if (name.isPresent()) {
                Remote r = all.get(name.get());
                if (r == null) {
                    throw InfraException.invalidInput("no remote named '" + name.get() + "'"
                            + Suggest.hint(name.get(), all.keySet()) + "; known remotes: "
                            + (all.isEmpty() ? "none" : String.join(", ", all.keySet()))
                            + ". Add one with 'infra remote add NAME URL --token TOKEN'.");
                }
                return r;
            }
            return remotes.local().orElseThrow(() -> InfraException.invalidInput("no Incus daemon to talk to: no"
                    + " --remote given, and no local socket (/var/lib/incus/unix.socket, /var/lib/lxd/unix.socket)."
                    + " Known remotes: " + (all.isEmpty() ? "none" : String.join(", ", all.keySet())) + "."));
        } catch (IOException e) {
            throw InfraException.invalidInput("cannot read remote configuration: " + e.getMessage());
        }
    }
}
