package net.sigsrv.infra.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.RequestListener;

/**
 * The audit log: one JSON line per mutating call, appended to a file that is only ever appended to. A line says
 * when, who (the local user and the client certificate's SHA-256 fingerprint), against which remote, member and
 * project, what (method and object path, the name a POST creates, the keys it changes — names only, never values
 * — and the command of an exec, masked), how it ended and how long it took:
 * <pre>{"time":"2026-11-25T20:31:07.412Z","actor":{"user":"root","fingerprint":"3f2a…"},"remote":"lab",
 * "member":"sigsrv","project":"sigsrv-p1","action":"POST","object":"/1.0/instances","name":"web",
 * "keys":["config.limits.cpu","devices.root"],"result":"success","status":202,"duration_ms":812,
 * "operation":"Creating instance"}</pre>
 * Each line is masked by {@link Redactor} and written with one {@code write} on a file opened for appending (so
 * lines of concurrent writers never interleave) before the call returns.
 *
 * <p>A change that cannot be recorded is not made: before each request is sent the file is opened for appending,
 * and when it cannot be, the request is refused ({@link RequestListener.Refused}). A line that still cannot be
 * written after the request fails the command too (the message says the change was made). The file is created with
 * mode 0600 (its directory 0700) and never followed through a symbolic link: a link in its place is refused.
 */
public final class AuditLog implements RequestListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who acts: the local user, and the client certificate's fingerprint when the connection uses one. */
    public record Actor(String user, String fingerprint) {
    }

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIR =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path file;
    private final java.util.function.Supplier<Actor> actor;
    private final String remote;

    public AuditLog(Path file, Actor actor, String remote) {
        this(file, () -> actor, remote);
    }

    /** With the actor found when a line is written (a client certificate may be made after the log is set up). */
    public AuditLog(Path file, java.util.function.Supplier<Actor> actor, String remote) {
        this.file = file;
        this.actor = actor;
        this.remote = remote;
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

    /** Refuses the request before it is sent when its line could not be written now. */
    @Override
    public void starting(String method, ApiPath path) {
        check();
    }

    /**
     * Opens the file for appending (creating it) and closes it again: throws {@link RequestListener.Refused} when
     * a line could not be written now. Call it before a change that no request of a client goes with (a host
     * command), so that the change is not made.
     */
    public void check() {
        try {
            open().close();
        } catch (IOException | UnsupportedOperationException e) {
            throw new RequestListener.Refused("refusing to change anything: cannot write the audit log " + file
                    + ": " + reason(e), false, e);
        }
    }

    @Override
    public void completed(Call call) {
        append(line(call));
    }

    /**
     * Records a command run in a host's shell (a doctor fix over SSH): action {@code SSH}, the host as member, the
     * command as object, its exit status. {@link #check} first, so that a command that could not be recorded is
     * not run.
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
        RequestListener.Change change = call.change();
        if (change.name() != null) {
            entry.put("name", change.name());
        }
        if (!change.keys().isEmpty()) {
            entry.put("keys", change.keys());
        }
        if (!change.argv().isEmpty()) {
            entry.put("argv", Redactor.redactArgv(change.argv()));
        }
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
        ByteBuffer buffer = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        try (FileChannel ch = open()) {
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new RequestListener.Refused("the change was made, but its audit line could not be written to "
                    + file + ": " + reason(e), true, e);
        }
    }

    /** The file opened for appending, created 0600 (its directory 0700); a symbolic link in its place refused. */
    private FileChannel open() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, OWNER_ONLY_DIR);
        }
        if (Files.isSymbolicLink(file)) {
            throw new NotARegularFile("it is a symbolic link, and infra does not write through one (point"
                    + " --audit-log or INFRA_AUDIT_LOG at the file itself)");
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new NotARegularFile("it is not a regular file");
        }
        // NOFOLLOW_LINKS (O_NOFOLLOW): a link put there since the check above fails the open
        return FileChannel.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS), OWNER_ONLY);
    }

    /** Why the file cannot be written, in words. */
    private static String reason(Exception e) {
        if (e instanceof NotARegularFile n) {
            return n.getMessage();
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static final class NotARegularFile extends IOException {
        NotARegularFile(String message) {
            super(message);
        }
    }
}
