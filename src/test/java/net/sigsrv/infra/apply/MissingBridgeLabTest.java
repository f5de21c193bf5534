package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A managed bridge whose device was deleted on one member ({@code lab/fault del-bridge}) while LXD 5.0.2 keeps
 * listing the network as Created: the plan shows the difference, apply makes the daemon set the bridge up again,
 * and the next plan says "No changes". The test bridge has no VLAN interface, so apply nudges a global key and puts
 * it back; the doctor's lab test ({@code DoctorMissingBridgeLabTest}) repairs bridges with one, through the
 * member's own config.
 */
@Tag("lab")
class MissingBridgeLabTest {

    @Test
    void planShowsTheMissingBridgeApplyRepairsItAndThenThereAreNoChanges(@TempDir Path dir) {
        try (TestLab t = TestLab.create("tmbr", dir)) {
            String bridge = t.lab + "br0";
            Path spec = t.write("lab.yaml", t.spec().network(bridge, "10.231.206.0/24", null));
            expect(TestLab.apply(spec), 0);
            try {
                TestLab.fault("del-bridge", Lab.second(), bridge);

                Cli.Result plan = expect(TestLab.plan(spec, "--detailed-exitcode"), 1);
                assertThat(plan.out()).contains("""
                          # network.%1$s@%3$s will be updated in-place
                          ~ network.%1$s@%3$s
                              ~ bridge = "missing" -> "present"
                        """.formatted(bridge, Lab.first(), Lab.second()))
                        .contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.");

                Cli.Result applied = expect(TestLab.apply(spec), 0);
                assertThat(applied.out()).contains("Resources: 0 added, 1 changed, 0 destroyed.");
                assertThat(t.client.networks().state(bridge, Lab.second()).addresses())
                        .as("the bridge is back on " + Lab.second() + " with its gateway address")
                        .anySatisfy(a -> assertThat(a.address()).isEqualTo("10.231.206.1"));
                assertThat(t.client.networks().get("default", bridge, null).value().config())
                        .as("the key nudged to recreate it is back as it was").doesNotContainKey("ipv4.dhcp.expiry");

                Cli.Result again = expect(TestLab.plan(spec, "--detailed-exitcode"), 0);
                assertThat(again.out()).contains("No changes.");
            } finally {
                TestLab.fault("heal");
            }
        }
    }
}
