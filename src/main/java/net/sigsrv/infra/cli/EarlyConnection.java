package net.sigsrv.infra.cli;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.remote.Remote;
import net.sigsrv.infra.incus.remote.RemoteName;

/**
 * The connection {@code infra plan} or {@code infra apply} will open, opened from {@link Main#main} before picocli
 * has built the command: on a cold JVM, building the command model and loading the spec's classes take a few hundred
 * milliseconds, and so do the TLS set-up and handshake, which need nothing but the remote's name.
 *
 * <p>The command line is only scanned here (its first word that is not an option, {@code --remote}, {@code --sim},
 * help), never trusted: {@link Connections#opening} adopts the early connection only when picocli's own parse names
 * the same remote and no simulator, and otherwise closes it and opens its own. Nothing is printed here: an error
 * (unknown remote, daemon not answering) waits in the future and is met where the command would have met it.
 */
final class EarlyConnection {

    /** A connection opened early: the remote it was resolved to and its client, {@code GET /1.0} read. */
    record Opened(Remote remote, IncusClient client) {
    }

    /** What a command line asks for, as far as a scan can tell: a command that opens a connection, to which remote. */
    record Line(String command, Optional<String> remote) {
    }

    private record Started(Optional<String> remote, CompletableFuture<Opened> opened) {
    }

    /** The commands whose first act is {@link Connections#opening}. */
    private static final Set<String> OPENING = Set.of("plan", "apply");
    /** Root options that take a value, so that the value is not taken for the command's name. */
    private static final Set<String> VALUED = Set.of("--remote", "--sim-dir", "--audit-log");
    private static final Set<String> NO_CONNECTION = Set.of("-h", "--help", "-V", "--version", "--sim");

    private static final AtomicReference<Started> STARTED = new AtomicReference<>();

    private EarlyConnection() {
    }

    /** Starts opening the connection {@code args} will need, if they name a command that opens one. */
    static void start(String[] args, Map<String, String> env) {
        scan(args, env).ifPresent(line -> {
            CompletableFuture<Opened> opened = new CompletableFuture<>();
            if (STARTED.compareAndSet(null, new Started(line.remote(), opened))) {
                Thread.ofVirtual().name("infra-connect").start(() -> {
                    try {
                        Remote remote = Connections.resolve(line.remote());
                        opened.complete(new Opened(remote, Connections.ready(IncusClient.connect(remote.endpoint()))));
                    } catch (RuntimeException e) {
                        opened.completeExceptionally(e);
                    }
                });
            }
        });
    }

    /**
     * The connection started early, if it was started for {@code remote} (the remote picocli's parse names; empty:
     * the default). Taken once; one started for another remote is closed when ready and not returned.
     */
    static Optional<CompletableFuture<Opened>> take(Optional<String> remote) {
        Started started = STARTED.getAndSet(null);
        if (started == null) {
            return Optional.empty();
        }
        if (started.remote().equals(remote)) {
            return Optional.of(started.opened());
        }
        started.opened().thenAccept(o -> o.client().close());
        return Optional.empty();
    }

    /**
     * The command and remote {@code args} name, when the command is one that opens a connection and the line asks
     * for no help, version or simulator. The remote is the {@code --remote} value, else {@code INFRA_REMOTE}; a name
     * that is not plain starts nothing (the command refuses it itself).
     */
    static Optional<Line> scan(String[] args, Map<String, String> env) {
        String command = null;
        String remote = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (NO_CONNECTION.contains(a) || a.startsWith("--sim=")) {
                return Optional.empty();
            }
            if (a.startsWith("--remote=")) {
                remote = remote != null ? remote : a.substring("--remote=".length());
            } else if (VALUED.contains(a)) {
                if (a.equals("--remote") && i + 1 < args.length && remote == null) {
                    remote = args[i + 1];
                }
                i++;
            } else if (command == null && !a.startsWith("-")) {
                command = a;
            }
        }
        if (command == null || !OPENING.contains(command)) {
            return Optional.empty();
        }
        if (remote == null || remote.isBlank()) {
            remote = env.get("INFRA_REMOTE");
        }
        if (remote == null || remote.isBlank()) {
            return Optional.of(new Line(command, Optional.empty()));
        }
        try {
            return Optional.of(new Line(command, Optional.of(RemoteName.check(remote))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
