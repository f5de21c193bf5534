package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.api.NetworkState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VLAN interface taken by a bridge the lab does not know ({@code lab/fault steal-vlan}: a bridge {@code rogue0}
 * made in the member's namespace, the interface attached to it): the doctor names that bridge as what holds the
 * interface, as the one root, with the commands that take the interface out of it and attach it to the lab's
 * bridge; {@code --fix} over SSH runs them, leaves {@code rogue0} in place, and the doctor is green again with
 * traffic crossing the members.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorStolenVlanLabTest {

    @TempDir
    static Path dir;
    private DoctorLab lab;

    @BeforeAll
    void fixture() throws Exception {
        lab = DoctorLab.create(dir);
    }

    @AfterAll
    void removeFixture() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void healEvenWhenATestFailed() {
        DoctorLab.heal();
    }

    @Test
    void aForeignBridgeHoldingTheVlanInterfaceIsNamedAndFixMovesTheInterfaceBackLeavingTheBridge() {
        String iface = DoctorLab.PROBE_SEGMENT;
        DoctorLab.fault("steal-vlan", Lab.second(), iface);
        DoctorLab.Doctored d = lab.doctor();
        assertThat(d.exitCode()).as(d.describe()).isEqualTo(3);
        JsonNode root = d.finding("network-bridge-attached", Lab.second(), iface);
        assertThat(root.get("status").asText()).as(d.describe()).isEqualTo("error");
        assertThat(d.roots()).as("exactly one root cause: " + d.describe()).extracting(c -> c.get("key").asText())
                .containsExactly(root.get("key").asText());
        assertThat(root.get("summary").asText()).isEqualTo(iface + " is attached to bridge rogue0 on " + Lab.second());
        assertThat(root.get("evidence")).extracting(JsonNode::asText).contains("upper devices of rogue0 on "
                + Lab.second() + ": "
                + iface + "; rogue0 is not a network of the daemon (made by hand or by another tool)");
        assertThat(root.get("commands")).extracting(c -> c.get("host").asText() + "$ " + c.get("command").asText())
                .containsExactly(Lab.second() + "$ ip link set dev " + iface + " nomaster",
                        Lab.second() + "$ ip link set dev " + iface + " master " + lab.probeBridge);
        assertThat(root.get("remedy").asText()).contains("--fix leaves bridge rogue0 itself in place");
        JsonNode ping = crossHost(d, lab.probeBridge);
        assertThat(ping.get("status").asText()).isEqualTo("error");
        assertThat(ping.get("caused_by")).extracting(JsonNode::asText).containsExactly(root.get("key").asText());

        Cli.Result fixed = lab.fix();
        assertThat(fixed.exitCode()).as("errors left after the fix: %s", fixed.all()).isIn(0, 1);
        assertThat(fixed.out()).contains("ran  " + Lab.second() + "$ ip link set dev " + iface + " nomaster")
                .contains("ran  " + Lab.second() + "$ ip link set dev " + iface + " master " + lab.probeBridge);
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            NetworkState rogue = client.networks().state("rogue0", Lab.second());
            assertThat(rogue.bridge().upperDevices()).as("rogue0 is left in place, empty").isEmpty();
        }
        DoctorLab.Doctored after = lab.doctor();
        for (int attempt = 1; attempt < 3 && !"ok".equals(after.status()); attempt++) {
            assertThat(after.exitCode()).as("only warnings may remain while the lab settles: %s", after.describe())
                    .isIn(0, 1);
            after = lab.doctor();
        }
        assertThat(after.status()).as(after.describe()).isEqualTo("ok");
        assertThat(crossHost(after, lab.probeBridge).get("status").asText()).as("traffic crosses again")
                .isEqualTo("ok");
    }

    private static JsonNode crossHost(DoctorLab.Doctored d, String bridge) {
        List<JsonNode> pings = d.findings("network-cross-host-ping").stream()
                .filter(c -> c.get("subject").asText().startsWith(bridge + ":")).toList();
        assertThat(pings).as("one cross-host ping over %s: %s", bridge, d.describe()).hasSize(1);
        return pings.getFirst();
    }
}
