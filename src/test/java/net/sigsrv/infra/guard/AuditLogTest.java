package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.RequestListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private AuditLog log(Path file) {
        return new AuditLog(file, new AuditLog.Actor("alice", "3f2a"), "lab");
    }

    private static RequestListener.Call call(String method, ApiPath path, RequestListener.Outcome outcome,
                                             String error) {
        return new RequestListener.Call(Instant.parse("2026-11-25T20:31:07.412345Z"), method, path, outcome, 202,
                error, Duration.ofMillis(812), "Creating instance", "minisrv");
    }

    @Test
    void aLineCarriesEveryField() throws Exception {
        Path file = dir.resolve("state/sigsrv-infra/audit.jsonl");
        log(file).completed(call("POST", ApiPath.of("/1.0/instances").project("sigsrv-p1").target("sigsrv"),
                RequestListener.Outcome.SUCCESS, ""));
        assertThat(Files.readString(file)).isEqualTo("{\"time\":\"2026-11-25T20:31:07.412Z\",\"actor\":{\"user\":"
                + "\"alice\",\"fingerprint\":\"3f2a\"},\"remote\":\"lab\",\"member\":\"sigsrv\",\"project\":"
                + "\"sigsrv-p1\",\"action\":\"POST\",\"object\":\"/1.0/instances\",\"result\":\"success\",\"status\":"
                + "202,\"duration_ms\":812,\"operation\":\"Creating instance\"}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void linesAreAppendedAndSecretsInErrorsMasked() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        Files.writeString(file, "{\"earlier\":true}\n");
        log(file).completed(call("PUT", ApiPath.of("/1.0/instances", "web"), RequestListener.Outcome.FAILURE,
                "PUT /1.0/instances/web: invalid value for user.token: \"s3cr3t-value\""));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2);
        assertThat(lines.getFirst()).isEqualTo("{\"earlier\":true}");
        assertThat(lines.get(1)).contains("\"member\":\"minisrv\"", "\"project\":\"default\"", "\"result\":\"failure\"",
                "user.token: \\\"[REDACTED]\\\"").doesNotContain("s3cr3t");
    }

    @Test
    void aLineNamesTheObjectTheKeysAndTheCommandButNoValue() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog log = log(file);
        log.completed(new RequestListener.Call(Instant.parse("2026-11-25T20:31:07Z"), "POST",
                ApiPath.of("/1.0/instances").project("p1"), RequestListener.Outcome.SUCCESS, 202, "", Duration.ZERO,
                "", "", new RequestListener.Change("web", List.of("config.user.api_token", "devices.root"),
                List.of())));
        log.completed(new RequestListener.Call(Instant.parse("2026-11-25T20:31:08Z"), "POST",
                ApiPath.of("/1.0/instances", "web", "exec").project("p1"), RequestListener.Outcome.SUCCESS, 202, "",
                Duration.ZERO, "", "", new RequestListener.Change(null, List.of("environment.PGPASSWORD"),
                List.of("psql", "--password", "hunter2", "--host=db", "PGPASSWORD=hunter3"))));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).contains("\"object\":\"/1.0/instances\",\"name\":\"web\",\"keys\":"
                + "[\"config.user.api_token\",\"devices.root\"],\"result\"");
        assertThat(lines.get(1)).contains("\"object\":\"/1.0/instances/web/exec\",\"keys\":[\"environment.PGPASSWORD\"],"
                + "\"argv\":[\"psql\",\"--password\",\"[REDACTED]\",\"--host=db\",\"PGPASSWORD=[REDACTED]\"]")
                .doesNotContain("hunter");
        assertThat(new AuditQuery(Optional.empty(), "/1.0/instances/web").read(file).entries()).hasSize(2);
    }

    @Test
    void aChangeThatCannotBeRecordedIsRefusedBeforeItIsSent() throws Exception {
        Path blocked = dir.resolve("file");
        Files.writeString(blocked, "x");
        AuditLog log = log(blocked.resolve("audit.jsonl"));
        assertThatThrownBy(() -> log.starting("DELETE", ApiPath.of("/1.0/instances", "web")))
                .isInstanceOf(RequestListener.Refused.class)
                .hasMessageStartingWith("refusing to change anything: cannot write the audit log " + blocked)
                .matches(e -> !((RequestListener.Refused) e).sent());
        assertThatThrownBy(() -> log.completed(call("DELETE", ApiPath.of("/1.0/instances", "web"),
                RequestListener.Outcome.SUCCESS, ""))).isInstanceOf(RequestListener.Refused.class)
                .hasMessageStartingWith("the change was made, but its audit line could not be written to " + blocked)
                .matches(e -> ((RequestListener.Refused) e).sent());
    }

    @Test
    void theLogIsNeverFollowedThroughASymbolicLink() throws Exception {
        Path target = Files.writeString(dir.resolve("elsewhere"), "");
        Path link = Files.createSymbolicLink(dir.resolve("audit.jsonl"), target);
        AuditLog log = log(link);
        assertThatThrownBy(() -> log.starting("POST", ApiPath.of("/1.0/instances")))
                .isInstanceOf(RequestListener.Refused.class).hasMessage("refusing to change anything: cannot write"
                        + " the audit log " + link + ": it is a symbolic link, and infra does not write through one"
                        + " (point --audit-log or INFRA_AUDIT_LOG at the file itself)");
        assertThatThrownBy(() -> log.completed(call("POST", ApiPath.of("/1.0/instances"),
                RequestListener.Outcome.SUCCESS, ""))).isInstanceOf(RequestListener.Refused.class);
        assertThat(Files.readString(target)).isEmpty();
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.jsonl"), dir.resolve("made-by-the-link"));
        assertThatThrownBy(() -> log(dangling).check()).isInstanceOf(RequestListener.Refused.class);
        assertThat(dir.resolve("made-by-the-link")).doesNotExist();
    }

    @Test
    void aNewLogIsCreatedOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
        Path file = dir.resolve("state/sigsrv-infra/audit.jsonl");
        log(file).check();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
        assertThat(Files.size(file)).isZero();
    }

    @Test
    void theFileFollowsTheEnvironment() {
        Path home = Path.of("/home/alice");
        assertThat(AuditLog.defaultFile(Map.of(), home))
                .isEqualTo(Path.of("/home/alice/.local/state/sigsrv-infra/audit.jsonl"));
        assertThat(AuditLog.defaultFile(Map.of("XDG_STATE_HOME", "/var/state"), home))
                .isEqualTo(Path.of("/var/state/sigsrv-infra/audit.jsonl"));
        assertThat(AuditLog.defaultFile(Map.of("INFRA_AUDIT_LOG", "/tmp/a.jsonl", "XDG_STATE_HOME", "/x"), home))
                .isEqualTo(Path.of("/tmp/a.jsonl"));
    }

    @Test
    void queriesFilterBySinceAndObject() throws Exception {
        Path file = dir.resolve("audit.jsonl");
        AuditLog log = log(file);
        log.completed(call("POST", ApiPath.of("/1.0/instances"), RequestListener.Outcome.SUCCESS, ""));
        log.completed(new RequestListener.Call(Instant.parse("2026-11-25T21:00:00Z"), "DELETE",
                ApiPath.of("/1.0/instances", "web"), RequestListener.Outcome.SUCCESS, 200, "", Duration.ZERO, "", ""));
        Files.writeString(file, "{torn", java.nio.file.StandardOpenOption.APPEND);
        AuditQuery.Entries all = new AuditQuery(Optional.empty(), "").read(file);
        assertThat(all.entries()).hasSize(2);
        assertThat(all.unreadable()).isEqualTo(1);
        List<JsonNode> late = new AuditQuery(Optional.of(Instant.parse("2026-11-25T20:45:00Z")), "").read(file)
                .entries();
        assertThat(late).extracting(e -> e.path("action").asText()).containsExactly("DELETE");
        assertThat(new AuditQuery(Optional.empty(), "/web").read(file).entries()).hasSize(1);
        assertThat(new AuditQuery(Optional.empty(), "").read(dir.resolve("none.jsonl")).entries()).isEmpty();
    }

    @Test
    void sinceTakesDurationsAndTimes() {
        Instant now = Instant.parse("2026-11-25T20:00:00Z");
        assertThat(AuditQuery.since("90s", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-25T19:58:30Z"));
        assertThat(AuditQuery.since("1h30m", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-25T18:30:00Z"));
        assertThat(AuditQuery.since("1w", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-18T20:00:00Z"));
        assertThat(AuditQuery.since("2026-11-25T19:00:00Z", now, ZoneOffset.UTC))
                .isEqualTo(Instant.parse("2026-11-25T19:00:00Z"));
        assertThat(AuditQuery.since("2026-11-25T19:00", now, ZoneOffset.ofHours(1)))
                .isEqualTo(Instant.parse("2026-11-25T18:00:00Z"));
        assertThat(AuditQuery.since("2026-11-24", now, ZoneOffset.UTC)).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThatThrownBy(() -> AuditQuery.since("yesterday", now, ZoneOffset.UTC))
                .hasMessage("--since 'yesterday' is neither a duration (90s, 30m, 2h, 1d, 1w, 1h30m) nor a time"
                        + " (2026-11-25T20:00:00Z, 2026-11-25T20:00, 2026-11-25)");
    }
}
