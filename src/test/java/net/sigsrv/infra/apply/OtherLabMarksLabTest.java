package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.plan.Ownership;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two specs with different {@code lab:} names on the same real cluster, the second naming the first's pool, project
 * (with its default profile) and instance. The second's plan shows each change BLOCKED naming the first lab, its
 * apply refuses and changes nothing of the first lab's; {@code adopt --from-lab FIRST} takes them on purpose, and
 * then the second lab's plan manages them while the first's is the one BLOCKED.
 */
@Tag("lab")
class OtherLabMarksLabTest {

    private static final TypeReference<JsonNode> JSON = new TypeReference<>() { };

    @Test
    void aSecondLabIsBlockedFromTheFirstLabsObjectsUntilItAdoptsThemFromThatLab(@TempDir Path dir) throws Exception {
        Path firstDir = Files.createDirectory(dir.resolve("first"));
        Path secondDir = Files.createDirectory(dir.resolve("second"));
        try (TestLab first = TestLab.create("tofa", firstDir); TestLab second = TestLab.create("tofb", secondDir)) {
            String p = first.project();
            Path firstSpec = first.write("lab.yaml", first.spec().instance("c1", Lab.first()));
            Path secondSpec = second.write("lab.yaml", new TestLab.SpecText(second.lab).pool(first.pool())
                    .project(p, first.pool()).instance("c1", Lab.first()));
            expect(TestLab.apply(firstSpec), 0);
            List<String> before = firstLabsObjects(first);

            Cli.Result plan = expect(TestLab.plan(secondSpec), 0);
            for (String address : List.of("pool." + first.pool(), "project." + p, "profile." + p + "/default",
                    "instance." + p + "/c1")) {
                assertThat(plan.out()).contains("# BLOCKED: " + address + " is owned by lab '" + first.lab + "' ("
                        + Ownership.KEY + "), not by this lab '" + second.lab + "', and would be updated; run"
                        + " 'infra adopt --from-lab " + first.lab + " SPEC " + address + "' to take it over on"
                        + " purpose, or rename it in the spec");
            }
            assertThat(plan.out()).contains("Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy. 4 blocked");

            Cli.Result refused = expect(TestLab.apply(secondSpec), 2);
            assertThat(refused.err()).contains("4 change(s) blocked (see BLOCKED above); nothing was applied");
            assertThat(expect(Cli.run("adopt", "--remote", "lab", secondSpec.toString()), 0).out())
                    .contains("Not adopted, owned by another lab (lab '" + first.lab + "': ")
                    .endsWith("Nothing to adopt.\n");
            assertThat(firstLabsObjects(first)).as("the first lab's objects after the second lab's apply and adopt")
                    .isEqualTo(before);
            assertThat(expect(TestLab.plan(firstSpec), 0).out()).contains("No changes.");

            Cli.Result adopted = expect(Cli.run("adopt", "--remote", "lab", "--from-lab", first.lab,
                    secondSpec.toString()), 0);
            assertThat(adopted.out()).contains("adopted instance." + p + "/c1 from lab '" + first.lab + "'")
                    .contains("Adopted 4 object(s)");
            assertThat(second.isMarked(first.instance(p, "c1").orElseThrow())).isTrue();
            Cli.Result taken = expect(TestLab.apply(secondSpec), 0);
            assertThat(taken.out()).doesNotContain("BLOCKED").contains("Apply complete! Resources: 0 added,");
            assertThat(expect(TestLab.plan(secondSpec), 0).out()).contains("No changes.");
            assertThat(expect(TestLab.plan(firstSpec), 0).out()).contains("# BLOCKED: instance." + p + "/c1 is"
                    + " owned by lab '" + second.lab + "'");
            assertThat(first.owned()).as("the first lab owns nothing any more").isEmpty();
        }
    }

    /** The marks, descriptions and config of what the first lab made, as the daemon shows them. */
    private static List<String> firstLabsObjects(TestLab first) {
        String p = first.project();
        return List.of(
                first.instance(p, "c1").map(OtherLabMarksLabTest::configAndDescription).orElse("gone"),
                configAndDescription(first.client.get(ApiPath.of("/1.0/projects", p), JSON)),
                configAndDescription(first.client.get(ApiPath.of("/1.0/profiles", "default").project(p),
                        JSON)),
                configAndDescription(first.client.get(ApiPath.of("/1.0/storage-pools", first.pool()),
                        JSON)));
    }

    /** Description and config; {@code volatile.*} keys aside, which the daemon changes as it works. */
    private static String configAndDescription(JsonNode object) {
        StringBuilder s = new StringBuilder(object.path("description").asText());
        object.path("config").properties().stream().filter(e -> !e.getKey().startsWith("volatile."))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> s.append(' ').append(e.getKey()).append('=').append(e.getValue().asText()));
        return s.toString();
    }
}
