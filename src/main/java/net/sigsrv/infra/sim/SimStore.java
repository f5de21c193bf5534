package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The simulator's state directory: {@code state.json} (the whole cluster, written atomically), {@code lock} (held
 * by the one process serving this state) and {@code endpoint} (the URL it serves on, for other processes).
 */
public final class SimStore {

    /** Where {@code --sim} keeps its state unless {@code --sim-dir} says otherwise. */
    public static final Path DEFAULT_DIR = Path.of(".infra", "sim");
    private final Path dir;

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
        Files.createDirectories(dir);
        Path tmp = dir.resolve("state.json.tmp");
        J.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValue(tmp.toFile(), state);
        try {
            Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, stateFile(), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
