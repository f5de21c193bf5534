package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fault tests of {@link DoctorFaultsLabTest}, against the embedded simulator ({@code --sim}) with the example
 * lab applied: each of {@code infra sim fault}'s faults is named as the one root (check, host, interface), the
 * cross-host ping it breaks points at it, and after {@code sim fault heal} the doctor is all green.
 */
class DoctorSimTest {

    @TempDir
    static Path dir;

    private static Cli.Result sim(String... args) {
        List<String> all = new ArrayList<>(List.of("--sim-dir", dir.resolve("state").toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private static String example() {
        return Golden.repo().resolve("examples/sigsrv.yaml").toString();
    }

    @BeforeAll
    static void exampleLab() {
        Cli.Result reset = sim("sim", "reset");
        assertThat(reset.exitCode()).as(reset.all()).isZero();
        Cli.Result apply = sim("--sim", "apply", "--auto-approve", example());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        Sim.stopEmbedded(dir.resolve("state"));
    }

    @AfterEach
    void heal() {
        Cli.Result r = sim("sim", "fault", "heal");
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    private static JsonNode doctor() {
        Cli.Result r = sim("--sim", "doctor", "-o", "json", example());
        try {
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(r.exitCode()).as("exit code follows the worst severity: %s", r.all())
                    .isEqualTo(switch (json.at("/summary/status").asText()) {
                        case "ok" -> 0;
                        case "warn" -> 1;
                        default -> 3;
                    });
            return json;
        } catch (IOException e) {
            throw new AssertionError("no JSON from the doctor: " + r.all(), e);
        }
    }

    /** The findings of a report that are root causes. */
    private static List<JsonNode> roots(JsonNode report) {
        List<JsonNode> roots = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("root").asBoolean()) {
                roots.add(c);
            }
        });
        return roots;
    }

    @Test
    void theHealthyExampleLabIsAllGreen() {
        JsonNode d = doctor();
        assertThat(d.at("/summary/status").asText()).as(d.at("/summary/line").asText()).isEqualTo("ok");
        assertThat(d.get("checks").findValuesAsText("id")).contains("network-cross-host-ping",
                "network-bridge-attached", "cluster-member-online", "storage-pool-usage");
    }

    @Test
    void aBridgeSharedByTwoProjectsWithoutAclsIsAWarning() throws IOException {
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            client.projects().create("tenant2", "another tenant", Map.of("features.images", "false",
                    "features.profiles", "false", "limits.instances", "2"));
            try {
                client.instances().create("tenant2", InstanceCreate.container("intruder", "busybox")
                        .withDevices(Map.of("eth0", Map.of("type", "nic", "network", "sigsrvbr0", "name", "eth0"))),
                        "sigsrv", true);
                JsonNode d = doctor();
                assertThat(d.at("/summary/status").asText()).isEqualTo("warn");
                List<JsonNode> acl = new ArrayList<>();
                d.get("checks").forEach(c -> {
                    if (c.get("id").asText().equals("security-network-acl")) {
                        acl.add(c);
                    }
                });
                assertThat(acl).singleElement().satisfies(c -> {
                    assertThat(c.get("status").asText()).isEqualTo("warn");
                    assertThat(c.get("subject").asText()).isEqualTo("sigsrvbr0");
                    assertThat(c.get("summary").asText()).contains("sigsrv-p1", "tenant2");
                });
            } finally {
                client.instances().setState("tenant2", "intruder", "stop", true);
                client.instances().delete("tenant2", "intruder");
                client.projects().delete("tenant2");
            }
        }
        assertThat(doctor().at("/summary/status").asText()).isEqualTo("ok");
    }

    @Test
    void aVlanInterfaceWithTheWrongIdIsRecreatedWithTheSpecsId() {
        Cli.Result f = sim("sim", "fault", "vlan-id", "minisrv", "user0", "99");
        assertThat(f.exitCode()).as(f.all()).isZero();
        JsonNode d = doctor();
        assertThat(roots(d)).singleElement().satisfies(r -> {
            assertThat(r.get("summary").asText()).isEqualTo("user0 carries VLAN 99 on minisrv, the spec says 24");
            assertThat(r.get("commands")).singleElement().satisfies(c -> {
                assertThat(c.get("host").asText()).isEqualTo("minisrv");
                assertThat(c.get("command").asText()).matches("ip link del user0 && ip link add link \\S+ name"
                        + " user0 type vlan id 24");
            });
        });
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "detach-vlan, sigsrv, sigsrv0, , network-bridge-attached, sigsrvbr0",
        "add-ip, minisrv, user0, 10.99.0.5/24, network-vlan-unconfigured, ",
        "link-down, sigsrv, incus0, , network-vlan-up, incusbr0",
        "vlan-id, minisrv, sigsrv0, 21, network-vlan-id, sigsrvbr0",
        "stop-member, minisrv, , , cluster-member-online, ",
        "fill-pool, sigsrv, nvme, , storage-pool-usage, "})
    void eachFaultIsTheOneRootAndHealTurnsItGreen(String fault, String host, String thing, String cidr,
                                                   String check, String brokenBridge) {
        List<String> args = new ArrayList<>(List.of("sim", "fault", fault, host));
        if (thing != null) {
            args.add(thing);
        }
        if (cidr != null) {
            args.add(cidr);
        }
        Cli.Result f = sim(args.toArray(String[]::new));
        assertThat(f.exitCode()).as(f.all()).isZero();

        JsonNode d = doctor();
        List<JsonNode> roots = roots(d);
        assertThat(roots).as(d.toPrettyString()).singleElement().satisfies(r -> {
            assertThat(r.get("id").asText()).isEqualTo(check);
            assertThat(r.get("host").asText()).isEqualTo(host);
            assertThat(r.get("subject").asText()).isEqualTo(thing == null ? host : thing);
        });
        String key = roots.getFirst().get("key").asText();
        assertThat(d.at("/summary/roots")).extracting(JsonNode::asText).containsExactly(key);
        if (brokenBridge != null) {
            List<JsonNode> pings = new ArrayList<>();
            d.get("checks").forEach(c -> {
                if (c.get("id").asText().equals("network-cross-host-ping")
                        && c.get("subject").asText().startsWith(brokenBridge + ":")) {
                    pings.add(c);
                }
            });
            assertThat(pings).isNotEmpty().allSatisfy(p -> {
                assertThat(p.get("status").asText()).isEqualTo("error");
                assertThat(p.get("caused_by")).extracting(JsonNode::asText).containsExactly(key);
            });
        }

        heal();
        JsonNode after = doctor();
        assertThat(after.at("/summary/status").asText()).as(after.at("/summary/line").asText()).isEqualTo("ok");
    }
}
