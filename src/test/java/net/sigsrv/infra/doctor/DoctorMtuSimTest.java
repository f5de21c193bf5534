package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.ExampleSim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MTU of a segment, on the simulator with the example lab applied: {@code sim fault mtu} gives one member's VLAN
 * interface (and, as a Linux bridge follows its port, its bridge there) a smaller MTU. Every per-member check still
 * passes and small pings cross; the doctor names that member and interface as the one root (network-segment-mtu)
 * with the commands that set the MTU back, and the failed full-size pings (network-path-mtu) are caused by it.
 */
class DoctorMtuSimTest {

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

    @AfterEach
    void heal() {
        ExampleSim.in(dir).heal();
    }

    private static JsonNode doctor(String... spec) {
        return ExampleSim.in(dir).doctorJson(spec);
    }

    private static List<JsonNode> findings(JsonNode report, String id, String subjectPrefix) {
        List<JsonNode> out = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("id").asText().equals(id) && c.get("subject").asText().startsWith(subjectPrefix)) {
                out.add(c);
            }
        });
        return out;
    }

    private static List<JsonNode> roots(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("root").asBoolean()) {
                out.add(c);
            }
        });
        return out;
    }

    @Test
    void aHealthySegmentCarriesFullSizeFramesBothWays() {
        JsonNode d = doctor(example());
        assertThat(d.at("/summary/status").asText()).as(d.toPrettyString()).isEqualTo("ok");
        assertThat(findings(d, "network-path-mtu", "userbr0:")).as("both ways between the two members")
                .hasSize(2).allSatisfy(p -> assertThat(p.get("summary").asText()).contains("with 1500-byte packets"));
        assertThat(findings(d, "network-segment-mtu", "user0")).hasSize(2).allSatisfy(s -> assertThat(
                s.get("summary").asText()).contains("have the segment's MTU (1500)"));
    }

    @Test
    void aSmallerMtuOnOneMemberIsTheOneRootAndTheFullSizePingsAreItsSymptoms() {
        Cli.Result f = sim("sim", "fault", "mtu", "sigsrv", "user0", "1400");
        assertThat(f.exitCode()).as(f.all()).isZero();
        assertThat(f.out()).contains("fault: sigsrv:user0 has MTU 1400, and so has bridge userbr0 on sigsrv");

        for (JsonNode d : List.of(doctor(example()), doctor())) {
            assertThat(roots(d)).as(d.toPrettyString()).singleElement().satisfies(r -> {
                assertThat(r.get("id").asText()).isEqualTo("network-segment-mtu");
                assertThat(r.get("host").asText()).isEqualTo("sigsrv");
                assertThat(r.get("subject").asText()).isEqualTo("user0");
                assertThat(r.get("summary").asText()).isEqualTo("user0 and bridge userbr0 have MTU 1400 on sigsrv,"
                        + " the segment's MTU is 1500 (minisrv: 1500): full-size frames between the members are"
                        + " lost");
                assertThat(r.get("commands")).extracting(c -> c.get("host").asText() + "$ "
                        + c.get("command").asText()).containsExactly("sigsrv$ ip link set dev user0 mtu 1500",
                        "sigsrv$ ip link set dev userbr0 mtu 1500");
                assertThat(r.get("evidence").get(0).asText()).startsWith("MTU along userbr0: sigsrv user0 1400,"
                        + " bridge 1400; minisrv user0 1500, bridge 1500; the segment's: 1500");
            });
            String key = roots(d).getFirst().get("key").asText();
            assertThat(findings(d, "network-vlan-mtu", "user0")).as("each member's interface agrees with its bridge")
                    .hasSize(2).allSatisfy(v -> assertThat(v.get("status").asText()).isEqualTo("ok"));
            assertThat(findings(d, "network-cross-host-ping", "userbr0:")).as("small pings still cross")
                    .singleElement().satisfies(p -> assertThat(p.get("status").asText()).isEqualTo("ok"));
            assertThat(findings(d, "network-path-mtu", "userbr0:")).as("full-size pings fail both ways")
                    .hasSize(2).allSatisfy(p -> {
                        assertThat(p.get("status").asText()).isEqualTo("error");
                        assertThat(p.get("summary").asText()).contains("with 1500-byte packets: full-size frames"
                                + " are lost");
                        assertThat(p.get("evidence").toString()).contains("ping -s 1472 -c 1");
                        assertThat(p.get("caused_by")).extracting(JsonNode::asText).containsExactly(key);
                    });
            assertThat(findings(d, "network-path-mtu", "sigsrvbr0:")).as("the other segments are fine")
                    .allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("ok"));
        }

        heal();
        JsonNode after = doctor(example());
        assertThat(after.at("/summary/status").asText()).as(after.toPrettyString()).isEqualTo("ok");
        assertThat(findings(after, "network-path-mtu", "userbr0:")).hasSize(2)
                .allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("ok"));
    }

    @Test
    void theSegmentsMtuIsTheSpecsEvenWhenEveryMemberAgreesOnAnother() {
        assertThat(sim("sim", "fault", "mtu", "sigsrv", "incus0", "9000").exitCode()).isZero();
        assertThat(sim("sim", "fault", "mtu", "minisrv", "incus0", "9000").exitCode()).isZero();
        JsonNode d = doctor(example());
        assertThat(roots(d)).extracting(r -> r.get("host").asText() + " " + r.get("id").asText() + " "
                + r.get("subject").asText()).containsExactlyInAnyOrder("sigsrv network-segment-mtu incus0",
                "minisrv network-segment-mtu incus0");
        assertThat(roots(d)).allSatisfy(r -> assertThat(r.get("remedy").asText()).contains("the segment's MTU, 1500"
                + " (the spec's `mtu:` of incusbr0)"));
    }

    @Test
    void mtuRefusesWhatIsNotAnMtu() {
        for (String bad : List.of("0", "abc", "70000", "1500;id")) {
            Cli.Result f = sim("sim", "fault", "mtu", "sigsrv", "user0", bad);
            assertThat(f.exitCode()).as(bad).isNotZero();
            assertThat(f.err()).as(bad).contains("is not an MTU (68-65535)");
        }
    }
}
