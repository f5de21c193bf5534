package net.sigsrv.infra.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.graph.Outcome;
import net.sigsrv.infra.graph.Status;
import net.sigsrv.infra.graph.WalkListener;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.render.PlanJson;
import net.sigsrv.infra.plan.render.PlanText;
import net.sigsrv.infra.sim.Sim;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second layer joins the Incus layer in one plan and one walk, on the simulator: the test layer's step waits for
 * the Incus instance's create (found by address), is listed in the rendered plan, runs after the instance exists,
 * and is skipped, naming the failed Incus step, when that create fails.
 */
class EngineLayersTest {

    private static final String POOL = """
            lab: layers
            hosts:
              - name: sigsrv
                address: https://sigsrv.local:8443
              - name: minisrv
                address: https://minisrv.local:8443
            storage:
              - name: fast
                driver: zfs
                source: {sigsrv: tank/incus, minisrv: tank/incus}
            """;
    private static final String WITH_WEB = POOL + """
            instances:
              - name: web
                image: images:debian/12
                target: sigsrv
                root: {pool: fast, size: 10GiB}
            """;
    private static final Address WEB = Address.scoped(Kind.INSTANCE, "default", "web");

    @TempDir
    Path dir;

    @AfterEach
    void stop() throws IOException {
        Sim.stopEmbedded(dir.resolve("state"));
    }

    private Spec spec(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("lab.yaml"), yaml);
        return SpecLoader.load(file, file.toString()).spec().orElseThrow();
    }

    /** Applies {@code yaml} with the CLI, on the same simulator the test's client talks to. */
    private void applied(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("applied.yaml"), yaml);
        Cli.Result r = Cli.sim(dir.resolve("state"), "apply", "--auto-approve", file.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    @Test
    void aSecondLayersStepJoinsThePlanAndRunsAfterTheIncusChangeItWaitsFor() throws IOException {
        applied(POOL);
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            List<Boolean> webExisted = new ArrayList<>();
            TestLayer test = new TestLayer("configure-web", WEB,
                    c -> webExisted.add(client.instances().list("default").stream()
                            .anyMatch(i -> i.name().equals("web"))));
            Engine engine = Engine.of(new IncusLayer(client), test);

            Planned planned = engine.plan(spec(WITH_WEB));

            assertThat(planned.plan().actionable()).extracting(c -> c.address().toString())
                    .containsExactly("instance.default/web", "test_step.configure-web");
            String text = new PlanText(false).render(planned.plan());
            assertThat(text).contains("  + test_step.configure-web\n", "      + waits_for = \"instance.default/web\"")
                    .contains("Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.");
            assertThat(PlanJson.tree(planned.plan()).toString()).contains("kind=test_step");

            List<String> events = new ArrayList<>();
            WalkResult<Change> result = engine.apply(planned.plan(), 4, new WalkListener<>() {
                @Override
                public void started(Change c) {
                    events.add("started " + c.address());
                }

                @Override
                public void succeeded(Change c, java.time.Duration d) {
                    events.add("succeeded " + c.address());
                }
            });

            assertThat(result.ok()).as(result.rootErrors().toString()).isTrue();
            assertThat(events).containsExactly("started instance.default/web", "succeeded instance.default/web",
                    "started test_step.configure-web", "succeeded test_step.configure-web");
            assertThat(webExisted).as("the instance existed when the test step ran").containsExactly(true);
            assertThat(test.ran()).containsExactly("configure-web");

            Planned destroy = engine.destroyPlan(spec(WITH_WEB));
            assertThat(destroy.plan().actionable()).as("every layer plans in destroy mode: the test layer has"
                    + " nothing to remove").extracting(c -> c.action() + " " + c.address())
                    .contains("DELETE instance.default/web").noneMatch(c -> c.contains("test_step"));
        }
    }

    @Test
    void aFailedIncusStepSkipsTheStepWaitingForItNamingTheFailedStep() throws IOException {
        applied(POOL);
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            TestLayer test = new TestLayer("configure-web", WEB, c -> { });
            Engine engine = Engine.of(new IncusLayer(client), test);
            Planned planned = engine.plan(spec(WITH_WEB));
            applied(WITH_WEB); // the instance now exists: the plan's create of it fails

            List<Outcome.Skipped<Change>> skips = new ArrayList<>();
            WalkResult<Change> result = engine.apply(planned.plan(), 4, new WalkListener<>() {
                @Override
                public void skipped(Outcome.Skipped<Change> skipped) {
                    skips.add(skipped);
                }
            });

            Change create = planned.plan().actionable().getFirst();
            assertThat(create.address()).isEqualTo(WEB);
            assertThat(create.action()).isEqualTo(Action.CREATE);
            assertThat(result.status(create)).isEqualTo(Status.FAILED);
            assertThat(skips).singleElement().satisfies(s -> {
                assertThat(s.node().address().toString()).isEqualTo("test_step.configure-web");
                assertThat(s.failedRoot()).contains(create);
            });
            assertThat(test.ran()).isEmpty();
        }
    }
}
