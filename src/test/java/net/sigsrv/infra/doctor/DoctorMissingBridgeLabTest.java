package net.sigsrv.infra.doctor;

import net.sigsrv.infra.incus.Lab;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member's bridge deleted behind the daemon's back ({@code lab/fault del-bridge}) on the real lab: the doctor names
 * it as the one root, with the gateway ping and the instance NIC it breaks shown as caused by it; its remedy, {@code
 * infra apply SPEC}, sets the bridge up again; the instance whose port the deleted bridge took along is then the one
 * root (its host side is not in the bridge: LXD does not put it back), and {@code doctor --fix} attaches it, after
 * which the doctor is green and traffic crosses between the members again.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorMissingBridgeLabTest {

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
    void theMissingBridgeIsTheRootApplyRecreatesItAndFixPutsTheInstanceBack() {
        DoctorLab.fault("del-bridge", Lab.second(), lab.bridge);
        DoctorLab.Doctored d = lab.doctor();
        assertThat(d.exitCode()).as(d.describe()).isEqualTo(3);
        JsonNode gone = d.finding("network-bridge-attached", Lab.second(), lab.bridge);
        assertRoot(d, gone);
        assertThat(gone.get("summary").asText()).isEqualTo("bridge " + lab.bridge + " does not exist on "
                + Lab.second());
        assertThat(gone.get("remedy").asText()).isEqualTo("Create bridge " + lab.bridge + " on " + Lab.second()
                + " (`infra apply"
                + " SPEC`).");
        String key = gone.get("key").asText();
        JsonNode gateway = d.finding("network-gateway-ping", Lab.second(), lab.bridge);
        assertThat(gateway.get("status").asText()).as(d.describe()).isEqualTo("error");
        assertThat(gateway.get("caused_by")).extracting(JsonNode::asText).contains(key);
        JsonNode nic = d.finding("network-instance-nic", Lab.second(), lab.project + "/c2:eth0");
        assertThat(nic.get("summary").asText()).isEqualTo(lab.project + "/c2 eth0 is outside bridge " + lab.bridge
                + " on " + Lab.second() + ": the bridge does not exist there");
        assertThat(nic.get("caused_by")).extracting(JsonNode::asText).containsExactly(key);
        assertThat(crossHost(d, lab.bridge).get("caused_by")).extracting(JsonNode::asText).contains(key);

        // the remedy, as the doctor says it
        Cli.Result applied = Cli.run("apply", "--remote", "lab", "--auto-approve", lab.spec.toString());
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("~ network." + lab.bridge + "@" + Lab.second(), "~ bridge = \"missing\" ->"
                + " \"present\"", "Resources: 0 added, 1 changed, 0 destroyed.");

        DoctorLab.Doctored after = lab.doctor();
        assertThat(after.finding("network-bridge-attached", Lab.second(), DoctorLab.SEGMENT).get("status").asText())
                .as("the VLAN interface is in the bridge again: " + after.describe()).isEqualTo("ok");
        JsonNode port = after.finding("network-instance-nic", Lab.second(), lab.project + "/c2:eth0");
        assertRoot(after, port);
        assertThat(port.get("summary").asText()).startsWith(lab.project + "/c2 eth0 is outside bridge " + lab.bridge
                + " on " + Lab.second() + ": its host side veth").endsWith(" is not attached");
        String veth = port.get("summary").asText().replaceAll(".*its host side (\\S+) is not attached", "$1");
        assertThat(port.get("commands")).singleElement().satisfies(c -> {
            assertThat(c.get("host").asText()).isEqualTo(Lab.second());
            assertThat(c.get("command").asText()).isEqualTo("ip link set dev " + veth + " master " + lab.bridge);
        });
        assertThat(after.finding("network-gateway-ping", Lab.second(), lab.bridge).get("caused_by"))
                .extracting(JsonNode::asText).containsExactly(port.get("key").asText());

        Cli.Result fixed = lab.fix();
        assertThat(fixed.exitCode()).as("errors left after the fix: %s", fixed.all()).isIn(0, 1);
        assertGreenSoon();
    }

    /** The finding is a root, and the only root among the problems of the report. */
    private static void assertRoot(DoctorLab.Doctored d, JsonNode root) {
        assertThat(root.get("status").asText()).as(d.describe()).isEqualTo("error");
        assertThat(d.roots()).as("exactly one root cause: " + d.describe()).extracting(c -> c.get("key").asText())
                .containsExactly(root.get("key").asText());
    }

    /** All green within three doctor runs (the segment's DHCP settles after a repair), cross-host ping included. */
    private void assertGreenSoon() {
        DoctorLab.Doctored d = lab.doctor();
        for (int attempt = 1; attempt < 3 && !"ok".equals(d.status()); attempt++) {
            assertThat(d.exitCode()).as("only warnings may remain while the lab settles: %s", d.describe())
                    .isIn(0, 1);
            d = lab.doctor();
        }
        assertThat(d.status()).as(d.describe()).isEqualTo("ok");
        assertThat(crossHost(d, lab.bridge).get("status").asText()).isEqualTo("ok");
        assertThat(crossHost(d, lab.probeBridge).get("status").asText()).isEqualTo("ok");
    }

    private static JsonNode crossHost(DoctorLab.Doctored d, String bridge) {
        List<JsonNode> pings = d.findings("network-cross-host-ping").stream()
                .filter(c -> c.get("subject").asText().startsWith(bridge + ":")).toList();
        assertThat(pings).as("one cross-host ping over %s: %s", bridge, d.describe()).hasSize(1);
        return pings.getFirst();
    }
}
