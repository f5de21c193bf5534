package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One apply converges: a spec with a network (per member, then global), a zone with a record, a pool, a project
 * with its default profile and containers on both members (one with a reserved address) is made in one run, and
 * the next plan has nothing to do.
 */
@Tag("lab")
class ConvergenceLabTest {

    @Test
    void oneApplyConvergesAndTheNextPlanSaysNoChanges(@TempDir Path dir) {
        try (TestLab t = TestLab.create("tconv", dir)) {
            String bridge = t.lab + "br0";
            String zone = t.lab + ".test";
            Path spec = t.write("lab.yaml", new TestLab.SpecText(t.lab)
                    .network(bridge, "10.231.201.0/24", zone)
                    .zone(zone, "gw", "10.231.201.1")
                    .pool(t.pool())
                    .project(t.project(), t.pool(), bridge)
                    .instance("c1", Lab.first())
                    .instance("c2", Lab.second())
                    .instance("c3", Lab.first(), """
                                    nics:
                                      - name: eth0
                                        network: %s
                                        ipv4: 10.231.201.10
                            """.formatted(bridge)));

            Cli.Result applied = expect(TestLab.apply(spec), 0);
            assertThat(applied.out()).contains("Apply complete! Resources: 13 added, 0 changed, 0 destroyed.");
            assertThat(applied.err()).doesNotContain("failed");

            Cli.Result plan = expect(TestLab.plan(spec), 0);
            assertThat(plan.out()).contains("No changes");
            Cli.Result detailed = expect(TestLab.plan(spec, "--detailed-exitcode"), 0);
            assertThat(detailed.out()).contains("No changes");

            Map<String, String> placement = Map.of("c1", Lab.first(), "c2", Lab.second(), "c3", Lab.first());
            placement.forEach((name, member) -> {
                JsonNode i = t.instance(t.project(), name).orElseThrow(() -> new AssertionError(name + " missing"));
                assertThat(i.path("status").asText()).as(name).isEqualTo("Running");
                assertThat(i.path("location").asText()).as(name).isEqualTo(member);
                assertThat(t.isMarked(i)).as(name + " carries the lab's ownership mark: " + i).isTrue();
            });
            JsonNode c3 = t.instance(t.project(), "c3").orElseThrow();
            assertThat(c3.at("/devices/eth0/ipv4.address").asText()).isEqualTo("10.231.201.10");
            assertThat(t.owned()).extracting(r -> r.address().toString())
                    .contains("network." + bridge, "zone." + zone, "pool." + t.pool(), "project." + t.project());
        }
    }
}
