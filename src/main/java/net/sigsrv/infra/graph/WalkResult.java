package net.sigsrv.infra.graph;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a walk did, node by node.
 *
 * @param outcomes       every node of the graph, in topological order
 * @param cancelled      whether the walk was cancelled before every node had run
 * @param elapsed        wall time of the whole walk
 * @param listenerErrors what listener hooks threw, in order (they did not stop the walk)
 */
public record WalkResult<K>(Map<K, Outcome<K>> outcomes, boolean cancelled, Duration elapsed,
                            List<Throwable> listenerErrors) {

    public WalkResult {
        outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        Objects.requireNonNull(elapsed, "elapsed");
        listenerErrors = List.copyOf(listenerErrors);
    }

    /** @throws IllegalArgumentException when {@code node} was not in the walked graph */
    public Outcome<K> outcome(K node) {
        Outcome<K> outcome = outcomes.get(node);
        if (outcome == null) {
            throw new IllegalArgumentException("unknown node: " + node);
        }
        return outcome;
    }

    public Status status(K node) {
        return outcome(node).status();
    }

    /** The failed nodes with their errors, in topological order; nodes skipped because of them are not errors. */
    public List<Outcome.Failed<K>> rootErrors() {
        return outcomes.values().stream()
                .<Outcome.Failed<K>>mapMulti((o, out) -> {
                    if (o instanceof Outcome.Failed<K> failed) {
                        out.accept(failed);
                    }
                })
                .toList();
    }

    public List<Outcome.Skipped<K>> skipped() {
        return outcomes.values().stream()
                .<Outcome.Skipped<K>>mapMulti((o, out) -> {
                    if (o instanceof Outcome.Skipped<K> skipped) {
                        out.accept(skipped);
                    }
                })
                .toList();
    }

    /** The nodes that ended with {@code status}, in topological order. */
    public List<K> nodes(Status status) {
        return outcomes.values().stream().filter(o -> o.status() == status).map(Outcome::node).toList();
    }

    /** True when every node ran and succeeded. */
    public boolean ok() {
        return outcomes.values().stream().allMatch(o -> o.status() == Status.SUCCEEDED);
    }
}
