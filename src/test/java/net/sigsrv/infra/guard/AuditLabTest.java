package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.Lab;
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
                        target: minisrv
                """.formatted(lab, project, lab, lab, lab)));
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
            assertThat(created.path("member").asText()).isEqualTo("minisrv");
            assertThat(created.path("operation").asText()).containsIgnoringCase("creating");
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
            assertThat(shown.out()).contains("ACTOR", "minisrv", project, "PUT", "/1.0/instances/web/state",
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

    private static String spec(String lab, String body) {
        return """
                version: 1
                lab: %s
                description: A lab made by the audit lab test (removed when the test ends)
                hosts:
                  - name: sigsrv
                    description: First member
                    address: %s
                  - name: minisrv
                    description: Second member
                    address: %s
                """.formatted(lab, Lab.url("sigsrv"), Lab.url("minisrv")) + body;
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
