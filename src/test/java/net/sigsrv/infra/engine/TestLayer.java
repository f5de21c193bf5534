package net.sigsrv.infra.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Spec;

/**
 * A second layer, for tests: it plans one step ({@code test_step.NAME}) that must run after the change the plan makes
 * to another layer's object ({@code waitsFor}, e.g. an Incus instance's create) — as a Talos node's "apply config"
 * waits for its VM. Running the step calls {@code onRun} (on the step's thread) and records its name.
 */
final class TestLayer implements Layer {

    /** The test layer's one kind, ranked after every Incus kind. */
    enum TestKind implements Kind {
        STEP;

        @Override
        public String label() {
            return "test_step";
        }

        @Override
        public boolean forcesReplacement(String field) {
            return false;
        }

        @Override
        public int rank() {
            return 1000;
        }
    }

    private final String name;
    private final Address waitsFor;
    private final Consumer<Change> onRun;
    private final List<String> ran = Collections.synchronizedList(new ArrayList<>());

    TestLayer(String name, Address waitsFor, Consumer<Change> onRun) {
        this.name = name;
        this.waitsFor = waitsFor;
        this.onRun = onRun;
    }

    /** The names of the steps run, in order. */
    List<String> ran() {
        return List.copyOf(ran);
    }

    @Override
    public boolean owns(Kind kind) {
        return kind == TestKind.STEP;
    }

    @Override
    public Part plan(Spec spec, Mode mode) {
        Address a = Address.of(TestKind.STEP, name);
        List<Change> changes = mode == Mode.DESTROY ? List.of() : List.of(new Change(a, Action.CREATE,
                Optional.empty(), Optional.of(new Resource(a, Map.of("waits_for", waitsFor.toString()), true)),
                List.of(), Optional.empty()));
        return new Part(changes, List.of(), "", List.of(), 0, Duration.ZERO);
    }

    @Override
    public Run prepare(Plan plan) {
        return new Run() {
            @Override
            public void order(List<Change> changes, Edges edges) {
                changes.forEach(c -> edges.change(waitsFor).ifPresent(p -> edges.dependsOn(c, p)));
            }

            @Override
            public void execute(Change change) {
                onRun.accept(change);
                ran.add(change.address().name());
            }
        };
    }
}
