package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Removing an object from the spec deletes it; a protected one is never deleted: apply refuses, touching nothing. */
@Tag("lab")
class RemovalLabTest {

    private static final String PROTECT = "        protect: true\n";

    @Test
    void anInstanceRemovedFromTheSpecIsDeletedUnlessProtected(@TempDir Path dir) {
        try (TestLab t = TestLab.create("trm", dir)) {
            String p = t.project();
            Path all = t.write("all.yaml", t.spec().instance("c1", Lab.first()).instance("c2", Lab.second())
                    .instance("c3", Lab.first(), PROTECT));
            expect(TestLab.apply(all), 0);
            assertThat(t.instance(p, "c3").orElseThrow().at("/config/security.protection.delete").asText())
                    .isEqualTo("true");

            Path withoutC2 = t.write("without-c2.yaml", t.spec().instance("c1", Lab.first())
                    .instance("c3", Lab.first(), PROTECT));
            Cli.Result removed = expect(TestLab.apply(withoutC2), 0);
            assertThat(removed.out()).contains("- instance." + p + "/c2")
                    .contains("Apply complete! Resources: 0 added, 0 changed, 1 destroyed.");
            assertThat(t.instance(p, "c2")).as("c2 was removed from the spec").isEmpty();
            assertThat(t.instance(p, "c1")).isPresent();
            assertThat(expect(TestLab.plan(withoutC2), 0).out()).contains("No changes");

            // c3 is protected: removing it from the spec is refused, and the other change (c4) is not made either
            Path withoutC3 = t.write("without-c3.yaml", t.spec().instance("c1", Lab.first()).instance("c4",
                    Lab.second()));
            Cli.Result planned = TestLab.plan(withoutC3, "--detailed-exitcode");
            assertThat(planned.out()).contains("instance." + p + "/c3").contains("BLOCKED")
                    .contains("protected");
            Cli.Result refused = expect(TestLab.apply(withoutC3), 2);
            assertThat(refused.all()).contains("instance." + p + "/c3 is protected")
                    .contains("1 change(s) blocked").contains("nothing was applied");
            assertThat(t.instance(p, "c3")).as("the protected instance is still there").isPresent();
            assertThat(t.instance(p, "c4")).as("a blocked plan applies nothing").isEmpty();
        }
    }
}
