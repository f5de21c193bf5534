package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The simulator's state directory: {@code state.json} (the whole cluster, written atomically), {@code lock} (held
 * by the one process serving this state) and {@code endpoint} (the URL it serves on and the token that proves a
 * server is that process, for other processes). The state holds lab values, so the files are made 0600 and a
 * directory made here 0700; a directory that already exists keeps its mode.
 */
public final class SimStore {

    /** Where {@code --sim} keeps its state unless {@code --sim-dir} says otherwise. */
    public static final Path DEFAULT_DIR = Path.of(".infra", "sim");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private final Path dir;

    /** What the serving process wrote to {@code endpoint}: where it listens, its token, its pid (for messages). */
    public record Owner(URI url, String token, long pid) {
        @Override
        public String toString() {
            return "Owner[" + url + ", pid " + pid + "]"; // the token stays out of messages
        }
    }

    public SimStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    Path stateFile() {
        return dir.resolve("state.json");
    }

    Path lockFile() {
        return dir.resolve("lock");
    }

    Path endpointFile() {
        return dir.resolve("endpoint");
    }

    /** The directory, made 0700 (with any missing parent) when it does not exist. */
    void makeDir() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PRIVATE_DIR);
        }
    }

    /** Opens (making it 0600) the lock file for writing, to lock it. */
    FileChannel openLock() throws IOException {
        makeDir();
        FileChannel channel = FileChannel.open(lockFile(), Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        Files.setPosixFilePermissions(lockFile(), PRIVATE_FILE); // made by an older version with the umask's mode
        return channel;
    }

    /** The saved state, or a fresh cluster with the default members when there is none. */
    public SimState load() throws IOException {
        if (!Files.exists(stateFile())) {
            return SimModel.fresh(SimModel.DEFAULT_MEMBERS, "incus");
        }
        try {
            return J.MAPPER.readValue(stateFile().toFile(), SimState.class);
        } catch (IOException e) {
            throw new IOException("cannot read the simulator state " + stateFile() + " (" + e.getMessage()
                    + "); 'infra sim reset' starts afresh", e);
        }
    }

    public void save(SimState state) throws IOException {
        writePrivately(stateFile(), out -> J.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out, state));
    }

    /** Written by the process holding the lock, once it serves. */
    void writeOwner(Owner owner) throws IOException {
        writePrivately(endpointFile(), out -> J.MAPPER.writeValue(out, J.obj().put("url", owner.url().toString())
                .put("token", owner.token()).put("pid", owner.pid())));
    }

    /** What {@code endpoint} says, or empty when there is none; an unreadable one is an error naming it. */
    Optional<Owner> readOwner() throws IOException {
        if (!Files.exists(endpointFile())) {
            return Optional.empty();
        }
        try {
            JsonNode n = J.MAPPER.readTree(endpointFile().toFile());
            if (n == null || !n.path("url").isTextual() || !n.path("token").isTextual()) {
                throw new IOException("no url and token");
            }
            return Optional.of(new Owner(URI.create(n.path("url").asText()), n.path("token").asText(),
                    n.path("pid").asLong(-1)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(endpointFile() + " is not a simulator endpoint file (" + e.getMessage() + ")", e);
        }
    }

    void deleteOwner() throws IOException {
        Files.deleteIfExists(endpointFile());
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /** Writes {@code file} 0600 through a temporary file beside it and a rename: never half written, never readable. */
    private void writePrivately(Path file, Writing content) throws IOException {
        makeDir();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
            content.to(out);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
