package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static net.sigsrv.infra.apply.TestLab.lxcOk;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.plan.Ownership;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects made by hand, with names the spec does not use, are not this lab's: plan does not show them and apply
 * leaves them alone — also one marked by another lab, and also when the spec's own objects around them go away.
 */
@Tag("lab")
class UnownedLabTest {

    @Test
    void objectsMadeByHandAreLeftAlone(@TempDir Path dir) {
        try (TestLab t = TestLab.create("town", dir)) {
            String p = t.project();
            Path spec = t.write("lab.yaml", t.spec().instance("c1", Lab.first()).instance("c2", Lab.second()));
            expect(TestLab.apply(spec), 0);

            lxcOk("launch", "busybox", "hand1", "--project", p, "--target", Lab.second());
            t.madeByHand(() -> TestLab.forceDelete(t.client, p, "hand1"));
            String otherLab = t.lab + "x";
            lxcOk("launch", "busybox", "other1", "--project", p, "--target", Lab.first(),
                    "-c", Ownership.KEY + "=" + otherLab);
            t.madeByHand(() -> TestLab.forceDelete(t.client, p, "other1"));
            lxcOk("profile", "create", "handprof", "--project", p);
            t.madeByHand(() -> t.client.send("DELETE", ApiPath.of("/1.0/profiles", "handprof").project(p), null,
                    null));

            Cli.Result plan = expect(TestLab.plan(spec, "--detailed-exitcode"), 0);
            assertThat(plan.out()).contains("No changes").doesNotContain("hand1").doesNotContain("other1")
                    .doesNotContain("handprof");
            expect(TestLab.apply(spec), 0);

            // the spec's own instances go; the hand-made ones stay
            Path fewer = t.write("fewer.yaml", t.spec().instance("c1", Lab.first()));
            Cli.Result applied = expect(TestLab.apply(fewer), 0);
            assertThat(applied.out()).contains("- instance." + p + "/c2").doesNotContain("hand1")
                    .doesNotContain("other1").doesNotContain("handprof")
                    .contains("Apply complete! Resources: 0 added, 0 changed, 1 destroyed.");
            assertThat(t.instance(p, "c2")).isEmpty();

            JsonNode hand1 = t.instance(p, "hand1").orElseThrow(() -> new AssertionError("hand1 was deleted"));
            assertThat(hand1.path("config").has(Ownership.KEY)).as("hand1 stays unmarked").isFalse();
            assertThat(hand1.path("status").asText()).isEqualTo("Running");
            JsonNode other1 = t.instance(p, "other1").orElseThrow(() -> new AssertionError("other1 was deleted"));
            assertThat(other1.path("config").path(Ownership.KEY).asText()).isEqualTo(otherLab);
            assertThat(lxcOk("profile", "list", "--project", p, "-f", "csv")).contains("handprof");
            assertThat(expect(TestLab.plan(fewer), 0).out()).contains("No changes");
        }
    }

    @Test
    void aNetworkLeftPendingIsNamedInAWarningAndLeftAlone(@TempDir Path dir) {
        try (TestLab t = TestLab.create("tpnd", dir)) {
            String pending = t.lab + "br";
            lxcOk("network", "create", pending, "--target", Lab.first());
            t.madeByHand(() -> lxcOk("network", "delete", pending));
            Path spec = t.write("lab.yaml", t.spec().instance("c1", Lab.first()));
            Cli.Result applied = expect(TestLab.apply(spec), 0);
            assertThat(applied.out()).contains("Warning: network " + pending + " is Pending: defined on some members"
                    + " but never created (an interrupted create). Declare it in the spec to finish it, or delete it"
                    + " (`incus network delete " + pending + "`)");
            assertThat(lxcOk("network", "list", "-f", "csv")).contains(pending);
        }
    }
}
