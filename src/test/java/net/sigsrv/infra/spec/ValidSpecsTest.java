package net.sigsrv.infra.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.spec.validate.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The other side of the fixture corpus: specs that must pass. The shipped examples are clean (no warning either),
 * the JSON output is machine-readable, and a few legal-but-unusual specs are not mistaken for errors.
 */
class ValidSpecsTest {

    /** Hosts, a bridge and a pool, each described, so edge specs below raise no lint warning of their own. */
    private static final String BASE = """
            lab: edge
            hosts:
              - name: sigsrv
                description: Main host
            networks:
              - name: sigsrvbr0
                description: System instances
                purpose: system
                ipv4: 172.20.0.0/16
            storage:
              - name: nvme
                description: Fast storage
                purpose: fast
                driver: zfs
            """;

    @ParameterizedTest
    @ValueSource(strings = {"examples/sigsrv.yaml", "examples/minimal.yaml", "examples/full.yaml", "examples/lab.yaml"})
    void theExamplesAreValidWithoutASingleDiagnostic(String example) {
        Cli.Result r = Cli.run("validate", example);

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).startsWith(example + ": valid — ").doesNotContain("warning").doesNotContain("error");
        assertThat(r.out().lines()).hasSize(1);
        assertThat(r.err()).isEmpty();
        assertThat(SpecLoader.load(Path.of(example), example).diagnostics().isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"examples/sigsrv.yaml", "examples/minimal.yaml", "examples/full.yaml", "examples/lab.yaml"})
    void theExamplesAreInCanonicalForm(String example) {
        Cli.Result r = Cli.run("fmt", "--check", example);
        assertThat(r.exitCode()).as("infra fmt --check %s\n%s", example, r.out()).isZero();
    }

    @Test
    void theExamplesStayValidUnderStrict() {
        assertThat(Cli.run("validate", "examples/sigsrv.yaml", "--strict").exitCode()).isZero();
        assertThat(Cli.run("validate", "examples/minimal.yaml", "--strict").exitCode()).isZero();
    }

    @Test
    void jsonOutputOfABadSpecIsValidJsonWithEveryDiagnostic() throws Exception {
        String file = "src/test/resources/validate/many-errors/spec.yaml";
        Cli.Result r = Cli.run("validate", file, "--output", "json");

        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("file").asText()).isEqualTo(file);
        assertThat(json.get("valid").isBoolean()).isTrue();
        assertThat(json.get("valid").asBoolean()).isFalse();
        JsonNode diagnostics = json.get("diagnostics");
        assertThat(diagnostics.isArray()).isTrue();
        long errors = 0;
        long warnings = 0;
        List<String> rules = new ArrayList<>();
        for (JsonNode d : diagnostics) {
            assertThat(d.fieldNames()).toIterable().containsExactly("severity", "rule", "summary", "detail",
                    "subject", "file", "line", "column");
            assertThat(d.get("severity").asText()).isIn("error", "warning");
            errors += d.get("severity").asText().equals("error") ? 1 : 0;
            warnings += d.get("severity").asText().equals("warning") ? 1 : 0;
            assertThat(RuleCatalog.isKnown(d.get("rule").asText())).as(d.toString()).isTrue();
            assertThat(d.get("summary").asText()).isNotBlank();
            assertThat(d.get("detail").isTextual()).isTrue();
            assertThat(d.get("subject").isTextual()).isTrue();
            assertThat(d.get("file").asText()).isEqualTo(file);
            assertThat(d.get("line").isInt()).isTrue();
            assertThat(d.get("line").asInt()).isPositive();
            assertThat(d.get("column").asInt()).isPositive();
            rules.add(d.get("rule").asText());
        }
        assertThat(json.get("errors").asLong()).isEqualTo(errors).isGreaterThanOrEqualTo(8);
        assertThat(json.get("warnings").asLong()).isEqualTo(warnings).isEqualTo(1);
        assertThat(rules.stream().distinct().count()).isGreaterThanOrEqualTo(8);
        // Lab-rule diagnostics name their subject, so tools can group them by object.
        assertThat(diagnostics.findValues("subject").stream().map(JsonNode::asText))
                .contains("network userbr0", "instance 1web", "cluster p1");
    }

    @Test
    void jsonOutputOfAValidSpecSaysValidWithNoDiagnostics() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Cli.run("validate", "examples/sigsrv.yaml", "-o", "json").out());

        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("errors").asLong()).isZero();
        assertThat(json.get("warnings").asLong()).isZero();
        assertThat(json.get("diagnostics")).isEmpty();
    }

    @Test
    void theSameInstanceNameInTwoProjectsIsNotADuplicate() {
        assertClean(BASE + """
                projects:
                  - name: tenant-a
                    description: Tenant A
                    limits:
                      instances: 5
                    instances:
                      - name: web
                        image: images:debian/12
                  - name: tenant-b
                    description: Tenant B
                    limits:
                      instances: 5
                    instances:
                      - name: web
                        image: images:debian/12
                instances:
                  - name: web
                    image: images:debian/12
                """);
    }

    @Test
    void aVolumeSharedWithinOneProjectWithTheSameSizeIsFine() {
        assertClean(BASE + """
                instances:
                  - name: web1
                    image: images:debian/12
                    disks:
                      - name: content
                        pool: nvme
                        volume: web-content
                        size: 10GiB
                        path: /srv/www
                  - name: web2
                    image: images:debian/12
                    disks:
                      - name: content
                        pool: nvme
                        volume: web-content
                        size: 10GiB
                        path: /srv/www
                """);
    }

    @Test
    void aGatewayExplicitlySetToTheFirstHostAddressIsFine() {
        assertClean("""
                lab: edge
                hosts:
                  - name: sigsrv
                    description: Main host
                networks:
                  - name: userbr0
                    description: User instances
                    purpose: user
                    vlan: 24
                    interface: user0
                    ipv4: 172.24.0.0/16
                    gateway: 172.24.0.1
                instances:
                  - name: web
                    image: images:debian/12
                    nics:
                      - name: eth0
                        network: userbr0
                        ipv4: 172.24.0.2
                """);
    }

    @Test
    void topLevelInstancesLiveInTheImplicitDefaultProject() {
        assertClean(BASE + """
                instances:
                  - name: web
                    project: default
                    image: images:debian/12
                  - name: db
                    image: images:debian/12
                    profiles: [default]
                """);
    }

    @Test
    void profilesOfTheDefaultProjectCanBeReferenced() {
        assertClean(BASE + """
                profiles:
                  - name: small
                    cpu: 1
                    memory: 1GiB
                projects:
                  - name: tenant
                    description: Shares the default project's profiles
                    features:
                      profiles: false
                    limits:
                      instances: 5
                    instances:
                      - name: app
                        image: images:debian/12
                        profiles: [default, small]
                instances:
                  - name: web
                    image: images:debian/12
                    profiles: [default, small]
                """);
    }

    @Test
    void aPrivilegedInstanceWithAReasonIsFine() {
        assertClean(BASE + """
                instances:
                  - name: docker
                    image: images:debian/12
                    privileged: true
                    reason: Runs Docker-in-LXC for the legacy CI runner
                """);
    }

    @Test
    void privilegedEquivalentKeysWithAReasonOrTurnedOffAreFine() {
        assertClean(BASE + """
                instances:
                  - name: builder
                    image: images:debian/12
                    reason: An LXC hook mounts the build cache
                    config:
                      raw.lxc: lxc.mount.entry = /srv/cache srv/cache none bind 0 0
                      security.syscalls.intercept.mknod: "true"
                  - name: web
                    image: images:debian/12
                    config:
                      security.privileged: "off"
                      security.syscalls.intercept.sysinfo: "false"
                """);
    }

    @Test
    void lintWarningsAloneDoNotFailWithoutStrict() {
        SpecLoader.Loaded loaded = SpecLoader.parse("""
                lab: edge
                hosts:
                  - name: sigsrv
                """.getBytes(StandardCharsets.UTF_8), "lint.yaml");

        assertThat(loaded.ok()).isTrue();
        assertThat(loaded.diagnostics()).extracting(Diagnostic::rule).containsExactly("lint-description");
    }

    private static void assertClean(String yaml) {
        SpecLoader.Loaded loaded = SpecLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "edge.yaml");
        assertThat(loaded.diagnostics().sorted()).as("diagnostics of\n%s", yaml).isEmpty();
        assertThat(loaded.ok()).isTrue();
    }
}
