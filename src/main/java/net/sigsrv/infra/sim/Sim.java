package net.sigsrv.infra.sim;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sigsrv.infra.incus.Endpoint;

/**
 * Where {@code --sim} finds its simulator. One process serves a state directory at a time: it holds the
 * directory's lock and writes its URL to {@code endpoint}. A process that finds the lock taken (by
 * {@code infra sim serve} or by a running apply) talks to that server; otherwise it starts one in its own JVM, kept
 * for the JVM's life (one per directory) and saved on exit.
 */
public final class Sim {

    private static final Map<Path, Served> EMBEDDED = new ConcurrentHashMap<>();

    /** A server and the directory lock it holds. */
    public record Served(SimServer server, FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.close();
            lock.release();
            channel.close();
            Files.deleteIfExists(server.store().endpointFile());
        }
    }

    private Sim() {
    }

    /** The endpoint for {@code --sim} with state in {@code dir}. */
    public static Endpoint.Http endpoint(Path dir) throws IOException {
        SimStore store = new SimStore(dir);
        Served mine = EMBEDDED.get(store.dir());
        if (mine != null) {
            return new Endpoint.Http(mine.server().url());
        }
        synchronized (EMBEDDED) {
            mine = EMBEDDED.get(store.dir());
            if (mine == null) {
                Served started = serve(store, 0);
                if (started == null) {
                    return new Endpoint.Http(other(store));
                }
                EMBEDDED.put(store.dir(), started);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // exiting anyway; the state was flushed by close() before the lock went
                    }
                }, "sim-save"));
                mine = started;
            }
            return new Endpoint.Http(mine.server().url());
        }
    }

    /**
     * Serves {@code store} on {@code port} (0: any free one) if no other process does; null when one does. The
     * caller closes what it gets.
     */
    public static Served serve(SimStore store, int port) throws IOException {
        Files.createDirectories(store.dir());
        FileChannel channel = FileChannel.open(store.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            return null;
        }
        SimServer server = SimServer.start(store, port);
        Files.writeString(store.endpointFile(), server.url() + "\n", StandardCharsets.UTF_8);
        return new Served(server, channel, lock);
    }

    /** The URL of the process that serves {@code store}. */
    private static URI other(SimStore store) throws IOException {
        if (!Files.exists(store.endpointFile())) {
            throw new IOException("the simulator state in " + store.dir() + " is locked by another process that"
                    + " does not serve it yet; try again");
        }
        return URI.create(Files.readString(store.endpointFile(), StandardCharsets.UTF_8).strip());
    }

    /** Stops this JVM's embedded simulator for {@code dir}, saving its state (tests: a fresh process). */
    public static void stopEmbedded(Path dir) throws IOException {
        Served s = EMBEDDED.remove(new SimStore(dir).dir());
        if (s != null) {
            s.close();
        }
    }
}
