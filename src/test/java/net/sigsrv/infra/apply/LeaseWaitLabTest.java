package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.api.InstanceState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code apply --wait-ipv4}: an instance started by the apply holds its DHCP lease when the command returns; one on
 * a network without DHCP fails its own step with a message saying why, and nothing else is held up.
 */
@Tag("lab")
class LeaseWaitLabTest {

    @Test
    void applyReturnsWithLeasesKnownOrSaysWhichInstanceGotNone(@TempDir Path dir) {
        try (TestLab t = TestLab.create("tlease", dir)) {
            String dhcp = t.lab + "br0";
            String noDhcp = t.lab + "br1";
            Path spec = t.write("lab.yaml", new TestLab.SpecText(t.lab)
                    .network(dhcp, "10.231.203.0/24", null)
                    .network(noDhcp, "10.231.204.0/24", null)
                    .networkConfig("ipv4.dhcp", "false")
                    .pool(t.pool())
                    .project(t.project(), t.pool(), dhcp)
                    .instance("leased", Lab.second())
                    .instance("starved", Lab.first(), """
                                    nics:
                                      - name: eth0
                                        network: %s
                            """.formatted(noDhcp)));

            Cli.Result applied = expect(TestLab.apply(spec, "--wait-ipv4=6"), 4);
            assertThat(applied.out()).contains("Apply failed: 1 error(s)",
                    "instance." + t.project() + "/starved: no IPv4 lease after 6s on any NIC of starved");
            assertThat(applied.err()).contains("instance." + t.project() + "/leased: Creation complete");

            InstanceState leased = t.client.get(ApiPath.of("/1.0/instances", "leased", "state").project(t.project()),
                    new TypeReference<InstanceState>() { });
            assertThat(LeaseWait.ipv4(leased)).as("the lease is there the moment apply returns")
                    .hasValueSatisfying(a -> assertThat(a).startsWith("10.231.203."));
        }
    }
}
