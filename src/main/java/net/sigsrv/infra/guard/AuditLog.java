package net.sigsrv.infra.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import net.sigsrv.infra.incus.RequestListener;

/**
 * The audit log: one JSON line per mutating call, appended to a file that is only ever appended to. A line says
 * when, who (the local user and the client certificate's SHA-256 fingerprint), against which remote, member and
 * project, what (method and object path), how it ended and how long it took:
 * <pre>{"time":"2026-11-25T20:31:07.412Z","actor":{"user":"root","fingerprint":"3f2a…"},"remote":"lab",
 * "member":"sigsrv","project":"sigsrv-p1","action":"POST","object":"/1.0/instances","result":"success",
 * "status":202,"duration_ms":812,"operation":"Creating instance"}</pre>
 * Each line is masked by {@link Redactor} and written with one {@code write} on a file opened for appending (so
 * lines of concurrent writers never interleave) before the call returns. The file is created with mode 0600. A line
 * that cannot be written is reported to {@code warn}, never thrown: the change it records has happened.
 */
public final class AuditLog implements RequestListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who acts: the local user, and the client certificate's fingerprint when the connection uses one. */
    public record Actor(String user, String fingerprint) {
    }

    private final Path file;
    private final java.util.function.Supplier<Actor> actor;
    private final String remote;
    private final Consumer<String> warn;

    public AuditLog(Path file, Actor actor, String remote, Consumer<String> warn) {
        this(file, () -> actor, remote, warn);
    }

    /** With the actor found when a line is written (a client certificate may be made after the log is set up). */
    public AuditLog(Path file, java.util.function.Supplier<Actor> actor, String remote, Consumer<String> warn) {
        this.file = file;
        this.actor = actor;
        this.remote = remote;
        this.warn = warn;
    }

    /**
     * Where the audit log lives: {@code INFRA_AUDIT_LOG} when set, else {@code $XDG_STATE_HOME/sigsrv-infra/
     * audit.jsonl}, else {@code ~/.local/state/sigsrv-infra/audit.jsonl}.
     */
    public static Path defaultFile(Map<String, String> env, Path home) {
        String explicit = env.get("INFRA_AUDIT_LOG");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path state = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local/state");
        return state.resolve("sigsrv-infra").resolve("audit.jsonl");
    }

    public Path file() {
        return file;
    }

    @Override
    public void completed(Call call) {
        append(line(call));
    }

    /**
     * Records a command run in a host's shell (a doctor fix over SSH): action {@code SSH}, the host as member, the
     * command as object, its exit status.
     */
    public void hostCommand(Instant started, String host, String command, int exitStatus, Duration duration) {
        Map<String, Object> entry = entry(started, host, null, "SSH", command);
        entry.put("result", exitStatus == 0 ? "success" : "failure");
        entry.put("status", exitStatus);
        entry.put("duration_ms", duration.toMillis());
        append(render(entry));
    }

    /** The fields every line starts with, in order. */
    private Map<String, Object> entry(Instant started, String member, String project, String action, String object) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", started.truncatedTo(ChronoUnit.MILLIS).toString());
        Map<String, Object> who = new LinkedHashMap<>();
        Actor a = actor.get();
        who.put("user", a.user());
        who.put("fingerprint", a.fingerprint());
        entry.put("actor", who);
        entry.put("remote", remote);
        entry.put("member", member);
        entry.put("project", project);
        entry.put("action", action);
        entry.put("object", object);
        return entry;
    }

    /** The JSON line for {@code call}, masked, without its line end. */
    String line(Call call) {
        String target = call.path().query().get("target");
        Map<String, Object> entry = entry(call.started(),
                target != null ? target : call.location().isEmpty() ? null : call.location(),
                call.path().query().getOrDefault("project", "default"), call.method(), call.path().path());
        entry.put("result", call.outcome().name().toLowerCase());
        entry.put("status", call.status());
        if (!call.error().isEmpty()) {
            entry.put("error", call.error());
        }
        entry.put("duration_ms", call.duration().toMillis());
        if (!call.operation().isEmpty()) {
            entry.put("operation", call.operation());
        }
        return render(entry);
    }

    private static String render(Map<String, Object> entry) {
        try {
            return Redactor.redact(JSON.writeValueAsString(entry));
        } catch (JsonProcessingException e) {
            return "{\"time\":\"" + Instant.now() + "\",\"error\":\"unrenderable audit entry\"}";
        }
    }

    private synchronized void append(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException raced) {
                    // another process created it first: append to theirs
                }
            }
            try (FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            warn.accept("cannot write the audit log " + file + ": " + e.getMessage());
        }
    }
}
