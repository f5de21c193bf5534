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
 * The MTU of a segment on the real lab: {@code lab/fault mtu sigsrv user0 1400} lowers the VLAN veth's MTU inside
 * sigsrv's namespace, and the kernel lowers the bridge over it with it (a bridge follows its smallest port). Each
 * member's interface then agrees with its bridge and small pings cross, while 1500-byte packets between c1 (sigsrv)
 * and c2 (minisrv) are lost both ways. The doctor names sigsrv's user0 as the one root with the commands that set the
 * MTU back; {@code --fix --yes} runs them over SSH and full-size pings cross again.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorMtuLabTest {

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
    void aSmallerMtuOnOneMemberIsTheOneRootAndFixRestoresFullSizeFrames() {
        String fault = DoctorLab.fault("mtu", Lab.first(), DoctorLab.SEGMENT, "1400");
        assertThat(fault).as("the bridge follows its port").contains("bridge " + lab.bridge + " has 1400");

        DoctorLab.Doctored d = lab.doctor();
        assertThat(d.exitCode()).as(d.describe()).isEqualTo(3);
        JsonNode root = d.finding("network-segment-mtu", Lab.first(), DoctorLab.SEGMENT);
        assertThat(root.get("status").asText()).as(d.describe()).isEqualTo("error");
        assertThat(d.roots()).as("exactly one root cause: " + d.describe()).extracting(c -> c.get("key").asText())
                .containsExactly(root.get("key").asText());
        assertThat(root.get("summary").asText()).isEqualTo(DoctorLab.SEGMENT + " and bridge " + lab.bridge
                + " have MTU 1400 on " + Lab.first() + ", the segment's MTU is 1500 (" + Lab.second()
                        + ": 1500): full-size frames between the"
                + " members are lost");
        assertThat(root.get("commands")).extracting(c -> c.get("host").asText() + "$ " + c.get("command").asText())
                .containsExactly(Lab.first() + "$ ip link set dev " + DoctorLab.SEGMENT + " mtu 1500",
                        Lab.first() + "$ ip link set dev " + lab.bridge + " mtu 1500");
        assertThat(d.finding("network-vlan-mtu", Lab.first(), DoctorLab.SEGMENT).get("status").asText())
                .as("the per-member check passes: interface and bridge agree").isEqualTo("ok");
        assertThat(pings(d, "network-cross-host-ping", lab.bridge)).as("small pings cross").singleElement()
                .satisfies(p -> assertThat(p.get("status").asText()).isEqualTo("ok"));
        assertThat(pings(d, "network-path-mtu", lab.bridge)).as("full-size pings are lost both ways").hasSize(2)
                .allSatisfy(p -> {
                    assertThat(p.get("status").asText()).isEqualTo("error");
                    assertThat(p.get("caused_by")).extracting(JsonNode::asText)
                            .containsExactly(root.get("key").asText());
                });

        Cli.Result fixed = lab.fix();
        assertThat(fixed.out()).as(fixed.all()).contains("ran  " + Lab.first() + "$ ip link set dev "
                + DoctorLab.SEGMENT
                + " mtu 1500");
        assertThat(fixed.exitCode()).as("errors left after the fix: %s", fixed.all()).isIn(0, 1);
        DoctorLab.Doctored after = greenSoon();
        assertThat(pings(after, "network-path-mtu", lab.bridge)).as("1500-byte packets cross both ways again")
                .hasSize(2).allSatisfy(p -> assertThat(p.get("summary").asText()).contains("with 1500-byte packets"));
    }

    /** All green within three doctor runs (a fresh probe may miss its lease while the segment settles). */
    private DoctorLab.Doctored greenSoon() {
        DoctorLab.Doctored d = lab.doctor();
        for (int attempt = 1; attempt < 3 && !"ok".equals(d.status()); attempt++) {
            assertThat(d.exitCode()).as("only warnings may remain while the lab settles: %s", d.describe())
                    .isIn(0, 1);
            d = lab.doctor();
        }
        assertThat(d.status()).as(d.describe()).isEqualTo("ok");
        assertThat(pings(d, "network-path-mtu", lab.probeBridge)).as("probes carry full-size frames too")
                .hasSize(2).allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("ok"));
        return d;
    }

    private static List<JsonNode> pings(DoctorLab.Doctored d, String check, String bridge) {
        return d.findings(check).stream().filter(c -> c.get("subject").asText().startsWith(bridge + ":")).toList();
    }
}
