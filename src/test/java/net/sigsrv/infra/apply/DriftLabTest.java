package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static net.sigsrv.infra.apply.TestLab.lxcOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A change made by hand with {@code lxc} shows in the next plan as drift, and apply puts it back. */
@Tag("lab")
class DriftLabTest {

    @Test
    void aHandMadeChangeShowsAsDriftAndApplyRepairsIt(@TempDir Path dir) {
        try (TestLab t = TestLab.create("tdrift", dir)) {
            Path spec = t.write("lab.yaml", t.spec().instance("c1", Lab.first()).instance("c2", Lab.second()));
            expect(TestLab.apply(spec), 0);
            String p = t.project();

            lxcOk("config", "set", "c1", "limits.cpu=2", "--project", p);
            lxcOk("config", "set", "c2", "user.note=set by hand", "--project", p);
            lxcOk("stop", "c2", "--force", "--project", p);
            lxcOk("profile", "set", "default", "limits.cpu=2", "--project", p);

            Cli.Result drift = expect(TestLab.plan(spec, "--detailed-exitcode"), 1);
            assertThat(drift.out())
                    .contains("~ instance." + p + "/c1")
                    .containsPattern("config\\.limits\\.cpu\\s+= \"2\" -> null")
                    .contains("~ instance." + p + "/c2")
                    .containsPattern("config\\.user\\.note\\s+= \"set by hand\" -> null")
                    .containsPattern("state\\s+= \"stopped\" -> \"running\"")
                    .contains("~ profile." + p + "/default")
                    .containsPattern("config\\.limits\\.cpu\\s+= \"2\" -> \"1\"")
                    .contains("Plan: 0 to add, 3 to change, 0 to replace, 0 to destroy.");

            Cli.Result repaired = expect(TestLab.apply(spec), 0);
            assertThat(repaired.out()).contains("Apply complete! Resources: 0 added, 3 changed, 0 destroyed.");
            assertThat(expect(TestLab.plan(spec, "--detailed-exitcode"), 0).out()).contains("No changes");

            assertThat(lxcOk("config", "get", "c1", "limits.cpu", "--project", p).strip()).isEmpty();
            assertThat(lxcOk("config", "get", "c2", "user.note", "--project", p).strip()).isEmpty();
            assertThat(lxcOk("profile", "get", "default", "limits.cpu", "--project", p).strip()).isEqualTo("1");
            assertThat(t.instance(p, "c2").orElseThrow().path("status").asText()).isEqualTo("Running");
        }
    }
}
