package net.sigsrv.infra.guard;

import net.sigsrv.infra.incus.Poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.remote.CliConfig;
import net.sigsrv.infra.incus.remote.RemoteJoin;
import net.sigsrv.infra.incus.remote.TrustToken;
import net.sigsrv.infra.incus.transport.Pem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit log against the real lab, through the CLI as a user runs it: an apply writes one line per mutating
 * call with who, where and what; reads write nothing; {@code infra audit} shows the lines.
 */
@Tag("lab")
class AuditLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void applyWritesALinePerChangeAndReadsWriteNone() throws Exception {
        Lab.awaitHealthy();
        String lab = "taud" + Lab.token();
        String project = lab + "-p";
        Path log = dir.resolve("audit.jsonl");
        Path full = Files.writeString(dir.resolve("lab.yaml"), spec(lab, """
                storage:
                  - name: %s-pool
                    description: Directory pool of the audit test
                    purpose: fast
                    driver: dir
                projects:
                  - name: %s
                    description: Project of audit test lab %s
                    features:
                      images: false
                    default-profile:
                      root:
                        pool: %s-pool
                        size: 1GiB
                    instances:
                      - name: web
                        description: Container of %s
                        image: busybox
                        target: %7$s
                """.formatted(lab, project, lab, lab, lab, Lab.first(), Lab.second())));
        Path empty = Files.writeString(dir.resolve("empty.yaml"), spec(lab, ""));
        try {
            Cli.Result apply = Cli.run("apply", "--remote", "lab", "--auto-approve", "--audit-log", log.toString(),
                    full.toString());
            assertThat(apply.exitCode()).as(apply.all()).isZero();
            List<JsonNode> lines = lines(log);
            assertThat(lines).as("one line per change").isNotEmpty();
            String fingerprint = Pem.fingerprint(Pem.certificates(Lab.clientCertificate()).getFirst());
            for (JsonNode line : lines) {
                assertThat(line.path("actor").path("user").asText()).isEqualTo(System.getProperty("user.name"));
                assertThat(line.path("actor").path("fingerprint").asText()).isEqualTo(fingerprint);
                assertThat(line.path("remote").asText()).isEqualTo("lab");
                assertThat(line.path("action").asText()).isIn("POST", "PUT", "PATCH", "DELETE");
                assertThat(line.path("result").asText()).as(line.toString()).isEqualTo("success");
                assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
                assertThat(line.has("duration_ms")).isTrue();
            }
            JsonNode created = find(lines, "POST", "/1.0/instances");
            assertThat(created.path("project").asText()).isEqualTo(project);
            assertThat(created.path("member").asText()).isEqualTo(Lab.second());
            assertThat(created.path("operation").asText()).containsIgnoringCase("creating");
            assertThat(created.path("name").asText()).isEqualTo("web");
            assertThat(created.path("keys").toString()).contains("\"description\"");
            assertThat(find(lines, "POST", "/1.0/projects").path("project").asText()).isEqualTo("default");
            assertThat(find(lines, "PUT", "/1.0/instances/web/state").path("project").asText()).isEqualTo(project);

            long before = Files.size(log);
            for (String[] read : new String[][] {{"plan", full.toString()}, {"hosts"}, {"instances", "--project",
                project}, {"plan", "-o", "json", full.toString()}}) {
                List<String> args = new ArrayList<>(List.of(read));
                args.addAll(List.of("--remote", "lab", "--audit-log", log.toString()));
                Cli.Result r = Cli.run(args.toArray(String[]::new));
                assertThat(r.exitCode()).as(r.all()).isZero();
                assertThat(Files.size(log)).as("'%s' is a read and writes no audit line", String.join(" ", read))
                        .isEqualTo(before);
            }

            Cli.Result shown = Cli.run("audit", "--audit-log", log.toString(), "--since", "10m", "--object",
                    "/1.0/instances/web");
            assertThat(shown.exitCode()).as(shown.all()).isZero();
            assertThat(shown.out()).contains("ACTOR", Lab.second(), project, "PUT", "/1.0/instances/web/state",
                    "success").doesNotContain("/1.0/projects");
            Cli.Result json = Cli.run("audit", "--audit-log", log.toString(), "--output", "json");
            assertThat(JSON.readTree(json.out())).hasSize(lines.size());
        } finally {
            Cli.Result down = Cli.run("apply", "--remote", "lab", "--auto-approve", "--audit-log", log.toString(),
                    empty.toString());
            assertThat(down.exitCode()).as(down.all()).isZero();
        }
        JsonNode deleted = find(lines(log), "DELETE", "/1.0/instances/web");
        assertThat(deleted.path("project").asText()).isEqualTo(project);
        assertThat(find(lines(log), "DELETE", "/1.0/projects/" + project).path("result").asText())
                .isEqualTo("success");
    }

    @Test
    void joiningWithATrustTokenIsAuditedWithoutTheToken() throws Exception {
        Lab.awaitHealthy();
        String name = "infra-audit-" + Lab.token();
        String token = lxc("config", "trust", "add", "--name", name).strip().lines().toList().getLast().strip();
        CliConfig config = new CliConfig(dir.resolve("sigsrv-infra"));
        Path log = dir.resolve("audit.jsonl");
        try {
            RemoteJoin.join(config, "lab1", Lab.url(Lab.first()), TrustToken.decode(token), new AuditLog(log,
                    () -> new AuditLog.Actor("alice", fingerprint(config.clientCert())), "lab1"));
            JsonNode line = find(lines(log), "POST", "/1.0/certificates");
            assertThat(line.path("result").asText()).isEqualTo("success");
            assertThat(line.path("actor").path("fingerprint").asText()).isEqualTo(fingerprint(config.clientCert()));
            assertThat(Files.readString(log)).doesNotContain(token.substring(0, 16));
        } finally {
            try (IncusClient admin = IncusClient.connect(Lab.unix(Lab.first()))) {
                admin.send("DELETE", ApiPath.of("/1.0/certificates", fingerprint(config.clientCert())), null, null);
            } catch (IncusException e) {
                // nothing was trusted
            }
        }
    }

    @Test
    void failuresAndOperationsNobodyWaitedForAreRecorded() throws Exception {
        Lab.awaitHealthy();
        Path log = dir.resolve("audit.jsonl");
        String name = "taud" + Lab.token();
        AuditLog audit = new AuditLog(log, new AuditLog.Actor("alice", null), "lab");
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.first())).listen(audit)) {
            assertThatThrownBy(() -> client.send("POST", ApiPath.of("/1.0/projects"), Map.of("name", "bad name!"),
                    null)).isInstanceOf(IncusException.class);
            client.get(ApiPath.of("/1.0/instances"), new TypeReference<JsonNode>() { });
            client.send("POST", ApiPath.of("/1.0/instances"), Map.of("name", name, "type", "container",
                    "source", Map.of("type", "image", "alias", Lab.imageAlias())), null);
        }
        List<JsonNode> lines = lines(log);
        assertThat(lines).extracting(l -> l.path("action").asText() + " " + l.path("object").asText() + " "
                + l.path("result").asText()).containsExactly("POST /1.0/projects failure",
                "POST /1.0/instances started");
        assertThat(lines.getFirst().path("error").asText()).contains("POST /1.0/projects");
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.first()))) {
            // the create was never waited for: delete once it is done (a busy instance refuses)
            Poll.until("the delete of " + name, java.time.Duration.ofSeconds(60), java.time.Duration.ofMillis(500),
                    () -> {
                        try {
                            client.call("DELETE", ApiPath.of("/1.0/instances", name), null, null,
                                    java.time.Duration.ofSeconds(30));
                            return "";
                        } catch (IncusException e) {
                            return e.getMessage();
                        }
                    }, String::isEmpty);
        }
    }

    private static String fingerprint(Path cert) {
        try {
            return Pem.fingerprint(Pem.certificates(cert).getFirst());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static String lxc(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("lxc"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LXD_DIR", Lab.json().at("/members/0/lxd_dir").asText());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String spec(String lab, String body) {
        return """
                version: 1
                lab: %s
                description: A lab made by the audit lab test (removed when the test ends)
                hosts:
                  - name: %4$s
                    description: First member
                    address: %s
                  - name: %5$s
                    description: Second member
                    address: %s
                """.formatted(lab, Lab.url(Lab.first()), Lab.url(Lab.second()), Lab.first(), Lab.second()) + body;
    }

    private static List<JsonNode> lines(Path log) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static JsonNode find(List<JsonNode> lines, String action, String object) {
        return lines.stream().filter(l -> l.path("action").asText().equals(action)
                        && l.path("object").asText().equals(object)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " " + object + " in " + lines));
    }
}
