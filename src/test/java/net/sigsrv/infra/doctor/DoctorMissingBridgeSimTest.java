package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.ExampleSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DoctorMissingBridgeLabTest} on the simulator with the example lab: a member's bridge deleted ({@code sim
 * fault del-bridge}) is the one root, the instance on it and its gateway ping are caused by it; after {@code infra
 * apply} the instance's port left outside the bridge is the one root, with the command that attaches it.
 */
class DoctorMissingBridgeSimTest {

    @TempDir
    static Path dir;

    private static Cli.Result sim(String... args) {
        return ExampleSim.in(dir).run(args);
    }

    private static String example() {
        return ExampleSim.example();
    }

    @BeforeAll
    static void exampleLab() {
        ExampleSim.in(dir).resetAndApplyExample();
    }

    @AfterAll
    static void stop() throws IOException {
        ExampleSim.in(dir).stop();
    }

    private static List<JsonNode> doctor() throws IOException {
        Cli.Result r = sim("--sim", "doctor", "-o", "json", example());
        List<JsonNode> checks = new ArrayList<>();
        new ObjectMapper().readTree(r.out()).get("checks").forEach(checks::add);
        return checks;
    }

    private static JsonNode finding(List<JsonNode> checks, String id, String host, String subject) {
        return checks.stream().filter(c -> c.get("id").asText().equals(id) && c.get("host").asText().equals(host)
                && c.get("subject").asText().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " on " + host + " about " + subject));
    }

    private static List<String> roots(List<JsonNode> checks) {
        return checks.stream().filter(c -> c.get("root").asBoolean()).map(c -> c.get("key").asText()).toList();
    }

    @Test
    void theMissingBridgeIsTheRootAndAfterApplyTheInstancesPortIs() throws IOException {
        assertThat(sim("sim", "fault", "del-bridge", "sigsrv", "sigsrvbr0").exitCode()).isZero();
        List<JsonNode> d = doctor();
        JsonNode gone = finding(d, "network-bridge-attached", "sigsrv", "sigsrvbr0");
        String key = gone.get("key").asText();
        assertThat(roots(d)).as("one root").containsExactly(key);
        assertThat(gone.get("remedy").asText()).isEqualTo("Create bridge sigsrvbr0 on sigsrv (`infra apply SPEC`).");
        JsonNode nic = finding(d, "network-instance-nic", "sigsrv", "sigsrv-p1/bastion:eth0");
        assertThat(nic.get("summary").asText()).isEqualTo("sigsrv-p1/bastion eth0 is outside bridge sigsrvbr0 on"
                + " sigsrv: the bridge does not exist there");
        assertThat(nic.get("caused_by")).extracting(JsonNode::asText).containsExactly(key);
        JsonNode gateway = finding(d, "network-gateway-ping", "sigsrv", "sigsrvbr0");
        assertThat(gateway.get("status").asText()).isEqualTo("error");
        assertThat(gateway.get("caused_by")).extracting(JsonNode::asText).containsExactly(key, nic.get("key")
                .asText());

        Cli.Result apply = sim("--sim", "apply", "--auto-approve", example());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        List<JsonNode> after = doctor();
        JsonNode port = finding(after, "network-instance-nic", "sigsrv", "sigsrv-p1/bastion:eth0");
        // every instance on sigsrv with a NIC on the bridge (bastion and the cluster's node VMs there) lost its port
        assertThat(roots(after)).contains(port.get("key").asText())
                .allSatisfy(k -> assertThat(k).startsWith("network-instance-nic@sigsrv/sigsrvbr0/sigsrv-p1/"));
        assertThat(port.get("commands")).singleElement().satisfies(c -> assertThat(c.get("command").asText())
                .matches("ip link set dev veth[0-9a-f]{8} master sigsrvbr0"));
        assertThat(finding(after, "network-gateway-ping", "sigsrv", "sigsrvbr0").get("caused_by"))
                .extracting(JsonNode::asText).containsExactly(port.get("key").asText());

        assertThat(sim("sim", "fault", "heal").exitCode()).isZero();
        assertThat(roots(doctor())).as("heal puts the port back").isEmpty();
    }
}
