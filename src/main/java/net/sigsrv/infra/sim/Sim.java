package net.sigsrv.infra.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sigsrv.infra.incus.Endpoint;

/**
 * Where {@code --sim} finds its simulator. One process serves a state directory at a time: it holds the
 * directory's lock and writes its URL and a token to {@code endpoint}. A process that finds the lock taken (by
 * {@code infra sim serve} or by a running apply) talks to that server once it has proved it knows the token;
 * otherwise it starts one in its own JVM, kept for the JVM's life (one per directory) and saved on exit.
 */
public final class Sim {

    private static final Map<Path, Served> EMBEDDED = new ConcurrentHashMap<>();

    /** A server and the directory lock it holds. */
    public record Served(SimServer server, FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.close();
            server.store().deleteOwner(); // while the lock is held: the next holder's file is never removed
            lock.release();
            channel.close();
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
     * caller closes what it gets. Under the lock, an {@code endpoint} file left by a process that died is removed
     * first, and the new one names this server with a fresh token.
     */
    public static Served serve(SimStore store, int port) throws IOException {
        FileChannel channel = store.openLock();
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
        store.deleteOwner();
        SimServer server = SimServer.start(store, port);
        store.writeOwner(new SimStore.Owner(server.url(), server.token(), ProcessHandle.current().pid()));
        return new Served(server, channel, lock);
    }

    /**
     * The URL of the process that holds {@code store}'s lock. Its {@code endpoint} file is trusted only when the
     * server it names proves it knows the file's token (an HMAC of a random challenge): a file left behind by a
     * process that died, whose port another process may have taken since, or one written by someone else, leads
     * nowhere.
     */
    private static URI other(SimStore store) throws IOException {
        SimStore.Owner owner = store.readOwner().orElseThrow(() -> new IOException("the simulator state in "
                + store.dir() + " is locked by another process that does not serve it yet; try again"));
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String challenge = HexFormat.of().formatHex(random);
        String expected = SimServer.proof(owner.token(), challenge);
        String answered;
        try {
            answered = askOwner(owner.url(), challenge);
        } catch (IOException | RuntimeException e) {
            answered = null;
        }
        if (!expected.equals(answered)) {
            throw new IOException("the simulator state in " + store.dir() + " is locked by another process, but "
                    + store.endpointFile() + " does not lead to it: " + owner.url() + " is not the simulator that"
                    + " wrote it (a file left by a process that died, or someone else's). If a simulator is"
                    + " starting, try again; else stop the process holding " + store.lockFile());
        }
        return owner.url();
    }

    /** {@code GET /sim/v1/owner?challenge=…} at {@code url}: the proof it gives, or null. */
    private static String askOwner(URI url, String challenge) throws IOException {
        Endpoint.Http checked = new Endpoint.Http(url); // loopback only, refused otherwise
        HttpURLConnection c = (HttpURLConnection) checked.url().resolve("/sim/v1/owner?challenge=" + challenge)
                .toURL().openConnection();
        c.setConnectTimeout(2_000);
        c.setReadTimeout(5_000);
        try (InputStream in = c.getInputStream()) {
            return J.MAPPER.readTree(in).path("metadata").path("proof").asText(null);
        } finally {
            c.disconnect();
        }
    }

    /** Stops this JVM's embedded simulator for {@code dir}, saving its state (tests: a fresh process). */
    public static void stopEmbedded(Path dir) throws IOException {
        Served s = EMBEDDED.remove(new SimStore(dir).dir());
        if (s != null) {
            s.close();
        }
    }
}
