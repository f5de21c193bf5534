package net.sigsrv.infra.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.plan.render.PlanJson;
import net.sigsrv.infra.plan.render.PlanText;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One folder per planning scenario under {@code src/test/resources/plan/}: {@code spec.yaml} (a valid spec; its
 * opening comment says what the scenario shows), {@code observed.json} (the lab as the API returns it, see
 * {@link LabFixture}), and the plan rendered two ways — {@code expected.txt} (the text plan without colour, as
 * {@code infra plan} prints it) and {@code expected.json} ({@code infra plan --output json}). Planning runs as
 * {@code engine.IncusLayer} does it, minus the network: desired state for the spec's hosts on a cluster, or for the
 * daemon itself when standalone, diffed against what was observed. Every plan must also keep the safety rules of
 * {@link PlanAssert#keepsTheSafetyRules()}.
 *
 * <p>{@code -Dgolden.update=true} rewrites the expected files; read each rewritten one as the operator would.
 */
class PlanScenariosTest {

    private static final Path ROOT = Path.of("src/test/resources/plan");
    /** The mapper {@code infra plan --output json} prints with (cli.Json): pretty, nulls kept. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(Golden.repo().resolve(ROOT))) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void planMatchesTheGoldenFiles(String name) throws IOException {
        Path dir = Golden.repo().resolve(ROOT).resolve(name);
        Plan plan = plan(dir);

        PlanAssert.assertThat(plan).keepsTheSafetyRules();
        Golden.assertMatches(dir.resolve("expected.txt"), new PlanText(false).render(plan));
        Golden.assertMatches(dir.resolve("expected.json"), JSON.writeValueAsString(PlanJson.tree(plan)) + "\n");
    }

    @Test
    void thereAreEnoughScenariosAndEachHasItsFourFiles() throws IOException {
        List<String> names = scenarios().toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(14);
        for (String name : names) {
            Path dir = Golden.repo().resolve(ROOT).resolve(name);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).sorted())
                        .as("files of scenario %s", name)
                        .containsExactly("expected.json", "expected.txt", "observed.json", "spec.yaml");
            }
            assertThat(Files.readString(dir.resolve("spec.yaml"))).as("spec.yaml of %s opens with a comment"
                    + " saying what the scenario shows", name).startsWith("#");
        }
    }

    /** The plan of one scenario folder. */
    static Plan plan(Path dir) throws IOException {
        SpecLoader.Loaded loaded = SpecLoader.load(dir.resolve("spec.yaml"), "spec.yaml");
        assertThat(loaded.ok()).as("spec.yaml of %s is valid: %s", dir.getFileName(),
                loaded.diagnostics().sorted()).isTrue();
        Spec spec = loaded.spec().orElseThrow();
        LabFixture lab = LabFixture.load(dir.resolve("observed.json"), spec.lab());
        List<String> members = Desired.members(spec, lab.observed().members(), lab.clustered());
        return Differ.diff(Desired.of(spec, members, lab.clustered()), lab.observed(),
                Desired.warnings(spec, lab.observed().members(), lab.clustered()));
    }
}
