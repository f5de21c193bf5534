package net.sigsrv.infra.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.sigsrv.infra.graph.Graph;
import net.sigsrv.infra.graph.WalkListener;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.graph.Walker;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.PlanWarning;
import net.sigsrv.infra.spec.model.Spec;

/**
 * The one way to plan and apply: asks every {@link Layer} for its part of the plan and joins them into one
 * {@link Plan}; applies a plan by asking every layer to order its changes into one graph, walked once with bounded
 * parallelism. A failed step skips everything depending on it, in any layer ("upstream failed"), and everything
 * else goes on. Progress goes to a {@link WalkListener}; the engine prints nothing.
 *
 * <p>Layers are listed in the order they build on each other (Incus first): the joined plan lists their changes in
 * that order, and the walk breaks ties by it.
 */
public final class Engine {

    private final List<Layer> layers;

    public Engine(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("an engine needs at least one layer");
        }
        this.layers = List.copyOf(layers);
    }

    public static Engine of(Layer... layers) {
        return new Engine(List.of(layers));
    }

    /** The engine of the Incus layer alone, on {@code client}. */
    public static Engine incus(IncusClient client) {
        return of(new IncusLayer(client));
    }

    public List<Layer> layers() {
        return layers;
    }

    /** What makes the lab match {@code spec}. */
    public Planned plan(Spec spec) {
        return plan(spec, Mode.APPLY);
    }

    /** What removes every object of {@code spec}'s lab: a plan against an empty desired lab. */
    public Planned destroyPlan(Spec spec) {
        return plan(spec, Mode.DESTROY);
    }

    public Planned plan(Spec spec, Mode mode) {
        List<Layer.Part> parts = layers.stream().map(l -> l.plan(spec, mode)).toList();
        List<Change> changes = new ArrayList<>();
        List<PlanWarning> warnings = new ArrayList<>();
        List<String> members = new ArrayList<>();
        int calls = 0;
        Duration observing = Duration.ZERO;
        for (Layer.Part part : parts) {
            changes.addAll(part.changes());
            warnings.addAll(part.warnings());
            part.members().stream().filter(m -> !members.contains(m)).forEach(members::add);
            calls += part.apiCalls();
            observing = observing.plus(part.observing());
        }
        String fingerprint = parts.stream().map(Layer.Part::fingerprint).filter(f -> !f.isEmpty())
                .collect(Collectors.joining("+"));
        return new Planned(new Plan(spec.lab(), changes, warnings, fingerprint), members, calls, observing);
    }

    /**
     * Makes the changes of {@code plan} that change something and are not blocked, at most {@code parallelism} at
     * once, each after what it depends on (in any layer) succeeded.
     *
     * @throws IllegalArgumentException when a change to make belongs to no layer of this engine
     * @throws net.sigsrv.infra.graph.CycleException when the layers' edges form a cycle
     */
    public WalkResult<Change> apply(Plan plan, int parallelism, WalkListener<Change> listener) {
        List<Change> toMake = plan.changes().stream()
                .filter(c -> c.action().changesSomething() && !c.isBlocked()).toList();
        Map<Layer, List<Change>> byLayer = new LinkedHashMap<>();
        layers.forEach(l -> byLayer.put(l, new ArrayList<>()));
        for (Change c : toMake) {
            Layer owner = layers.stream().filter(l -> l.owns(c.address().kind())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no layer of this engine makes " + c.address()));
            byLayer.get(owner).add(c);
        }
        Map<Address, Change> byAddress = new HashMap<>();
        toMake.forEach(c -> byAddress.put(c.address(), c));
        Graph.Builder<Change> graph = Graph.builder();
        toMake.forEach(graph::node);
        Layer.Edges edges = new Layer.Edges() {
            @Override
            public Optional<Change> change(Address address) {
                return Optional.ofNullable(byAddress.get(address));
            }

            @Override
            public void dependsOn(Change change, Change prerequisite) {
                graph.dependsOn(change, prerequisite);
            }
        };
        Map<Change, Layer.Run> runOf = new IdentityHashMap<>();
        byLayer.forEach((layer, mine) -> {
            if (!mine.isEmpty()) {
                Layer.Run run = layer.prepare(plan);
                run.order(List.copyOf(mine), edges);
                mine.forEach(c -> runOf.put(c, run));
            }
        });
        return new Walker().walk(graph.build(), parallelism, c -> runOf.get(c).execute(c), listener);
    }
}
