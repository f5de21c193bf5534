package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.ExampleSim;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra sim fault steal-vlan}, {@code del-vlan} and {@code wrong-address} on the example lab: the doctor
 * names each as the one root with a remedy that says what to do (the foreign bridge by name, the 802.1q command of
 * a deleted VLAN interface, the member whose DHCP server leased an instance's other address), and after {@code sim
 * fault heal} it is all green.
 */
class DoctorHeldFaultsSimTest {

    private static final String RESERVED = "172.24.0.50";
    @TempDir
    static Path dir;

    private static Cli.Result sim(String... args) {
        return ExampleSim.in(dir).run(args);
    }

    private static String example() {
        return ExampleSim.example();
    }

    @BeforeAll
    static void exampleLab() throws IOException {
        ExampleSim.in(dir).resetAndApplyExample();
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            client.instances().create("default", InstanceCreate.container("held", "busybox").withDevices(Map.of(
                    "eth0", Map.of("type", "nic", "network", "userbr0", "name", "eth0", "ipv4.address", RESERVED))),
                    "sigsrv", true);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        ExampleSim.in(dir).stop();
    }

    @AfterEach
    void healAndCheckGreen() {
        Cli.Result r = sim("sim", "fault", "heal");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode after = doctor();
        assertThat(after.at("/summary/status").asText()).as(after.at("/summary/line").asText()).isEqualTo("ok");
    }

    private static JsonNode doctor() {
        return ExampleSim.in(dir).doctorJson(example());
    }

    private static JsonNode onlyRoot(JsonNode report, String check, String host, String subject) {
        List<JsonNode> roots = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("root").asBoolean()) {
                roots.add(c);
            }
        });
        assertThat(roots).as(report.toPrettyString()).singleElement().satisfies(r -> {
            assertThat(r.get("id").asText()).isEqualTo(check);
            assertThat(r.get("host").asText()).isEqualTo(host);
            assertThat(r.get("subject").asText()).isEqualTo(subject);
        });
        return roots.getFirst();
    }

    private static void pingsCausedBy(JsonNode report, String bridge, JsonNode root) {
        List<JsonNode> pings = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("id").asText().equals("network-cross-host-ping") && c.get("subject").asText()
                    .startsWith(bridge + ":")) {
                pings.add(c);
            }
        });
        assertThat(pings).isNotEmpty().allSatisfy(p -> {
            assertThat(p.get("status").asText()).isEqualTo("error");
            assertThat(p.get("caused_by")).extracting(JsonNode::asText).containsExactly(root.get("key").asText());
        });
    }

    @Test
    void aVlanInterfaceInAForeignBridgeIsNamedAndTakenOutOfIt() {
        Cli.Result f = sim("sim", "fault", "steal-vlan", "minisrv", "incus0");
        assertThat(f.exitCode()).as(f.all()).isZero();
        assertThat(f.out()).contains("fault: minisrv:incus0 is attached to bridge rogue0 (was in incusbr0)");
        JsonNode d = doctor();
        JsonNode root = onlyRoot(d, "network-bridge-attached", "minisrv", "incus0");
        assertThat(root.get("summary").asText()).isEqualTo("incus0 is attached to bridge rogue0 on minisrv");
        assertThat(root.get("commands")).extracting(c -> c.get("host").asText() + "$ " + c.get("command").asText())
                .containsExactly("minisrv$ ip link set dev incus0 nomaster",
                        "minisrv$ ip link set dev incus0 master incusbr0");
        assertThat(root.get("remedy").asText()).startsWith("Take incus0 out of bridge rogue0 and attach it to bridge"
                + " incusbr0 on minisrv. --fix leaves bridge rogue0 itself in place");
        pingsCausedBy(d, "incusbr0", root);
    }

    @Test
    void aDeletedVlanInterfaceGetsTheCommandThatCreatesIt() {
        Cli.Result f = sim("sim", "fault", "del-vlan", "minisrv", "user0");
        assertThat(f.exitCode()).as(f.all()).isZero();
        JsonNode d = doctor();
        JsonNode root = onlyRoot(d, "network-bridge-attached", "minisrv", "user0");
        assertThat(root.get("summary").asText()).isEqualTo("VLAN interface user0 of bridge userbr0 does not exist on"
                + " minisrv");
        assertThat(root.get("commands")).as("PARENT is not known: --fix runs nothing").isEmpty();
        assertThat(root.get("refused").asText()).startsWith("the spec names no parent NIC for user0");
        assertThat(root.get("remedy").asText()).isEqualTo("Not automated (--fix runs nothing for it): the spec names"
                + " no parent NIC for user0 (`interface` gives its name, `vlan` its id, nothing the NIC it sits on)."
                + " Create user0 on minisrv: `ip link add link PARENT name user0 type vlan id 24`, where PARENT is the"
                + " host NIC of minisrv that carries VLAN 24 to the other members (on sigsrv, user0 is VLAN 24 on"
                + " eth1); then attach it and bring it up: `ip link set dev user0 master userbr0` and `ip link set dev"
                + " user0 up`.");
        pingsCausedBy(d, "userbr0", root);
    }

    @Test
    void anInstanceHoldingAnotherLeaseIsNamedWithTheMemberThatLeasedIt() {
        Cli.Result f = sim("sim", "fault", "wrong-address", "held");
        assertThat(f.exitCode()).as(f.all()).isZero();
        JsonNode d = doctor();
        JsonNode root = onlyRoot(d, "network-instance-address", "sigsrv", "held:eth0");
        String summary = root.get("summary").asText();
        assertThat(summary).matches("held eth0 holds 172\\.24\\.\\d+\\.\\d+ besides its reserved " + RESERVED.replace(
                ".", "\\.") + " \\(dynamic lease of minisrv's DHCP server \\(dnsmasq of userbr0\\)\\)");
        String other = summary.split(" ")[3];
        assertThat(root.get("remedy").asText()).startsWith("Remove the other address from eth0 inside held: `infra"
                + " instance exec --project default held -- ip addr del " + other + "/16 dev eth0`.");
    }
}
