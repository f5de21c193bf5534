package net.sigsrv.infra.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SequencedSet;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable directed acyclic graph of nodes and "depends on" edges. A node's prerequisites run before it; its
 * dependents run after it. Built with {@link #builder()}; a built graph is known to be acyclic.
 *
 * <p>Every list or set this class returns is unmodifiable and in a stable order: {@link #nodes()} in declaration
 * order, {@link #topologicalOrder()} with ties broken by declaration order, direct neighbours in the order their
 * edges were declared, ancestors and descendants in topological order. Asking about a node that is not in the
 * graph is an {@link IllegalArgumentException}.
 *
 * @param <K> the node type; compared with {@code equals}/{@code hashCode}, shown with {@code toString}
 */
public final class Graph<K> {

    private final List<K> nodes;
    private final Map<K, List<K>> prerequisites;
    private final Map<K, List<K>> dependents;
    private final List<K> topologicalOrder;
    private final Map<K, Integer> topologicalPosition;

    private Graph(List<K> nodes, Map<K, List<K>> prerequisites, Map<K, List<K>> dependents,
                  List<K> topologicalOrder) {
        this.nodes = nodes;
        this.prerequisites = prerequisites;
        this.dependents = dependents;
        this.topologicalOrder = topologicalOrder;
        Map<K, Integer> position = new HashMap<>();
        for (int i = 0; i < topologicalOrder.size(); i++) {
            position.put(topologicalOrder.get(i), i);
        }
        this.topologicalPosition = position;
    }

    public static <K> Builder<K> builder() {
        return new Builder<>();
    }

    /** The nodes in the order they were declared. */
    public List<K> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    public boolean contains(K node) {
        return prerequisites.containsKey(node);
    }

    /** The nodes {@code node} depends on directly. */
    public List<K> prerequisitesOf(K node) {
        return prerequisites.get(known(node));
    }

    /** The nodes that depend on {@code node} directly. */
    public List<K> dependentsOf(K node) {
        return dependents.get(known(node));
    }

    /** Everything {@code node} depends on, directly or transitively, in topological order. */
    public SequencedSet<K> ancestors(K node) {
        return reachable(known(node), prerequisites::get);
    }

    /** Everything that depends on {@code node}, directly or transitively, in topological order. */
    public SequencedSet<K> descendants(K node) {
        return reachable(known(node), dependents::get);
    }

    /**
     * Every node after all of its prerequisites. Among nodes that could come next, the earliest declared comes
     * first, so the order changes only when the graph does.
     */
    public List<K> topologicalOrder() {
        return topologicalOrder;
    }

    @Override
    public String toString() {
        int edges = prerequisites.values().stream().mapToInt(List::size).sum();
        return "Graph(" + nodes.size() + " nodes, " + edges + " edges)";
    }

    private K known(K node) {
        if (!prerequisites.containsKey(node)) {
            throw new IllegalArgumentException("unknown node: " + node);
        }
        return node;
    }

    private SequencedSet<K> reachable(K from, Function<K, List<K>> next) {
        Set<K> seen = new HashSet<>();
        Deque<K> todo = new ArrayDeque<>(next.apply(from));
        while (!todo.isEmpty()) {
            K node = todo.pop();
            if (seen.add(node)) {
                todo.addAll(next.apply(node));
            }
        }
        List<K> sorted = new ArrayList<>(seen);
        sorted.sort(Comparator.comparing(topologicalPosition::get));
        return Collections.unmodifiableSequencedSet(new LinkedHashSet<>(sorted));
    }

    /**
     * Collects nodes and edges. Declaring a node or an edge twice is harmless; an edge must name nodes declared
     * before it; {@link #build()} checks for cycles. Not thread-safe.
     */
    public static final class Builder<K> {

        private final Map<K, Set<K>> prerequisites = new LinkedHashMap<>();

        private Builder() {
        }

        /** Declares a node. The declaration order breaks ties in every order the graph gives. */
        public Builder<K> node(K node) {
            prerequisites.putIfAbsent(Objects.requireNonNull(node, "node"), new LinkedHashSet<>());
            return this;
        }

        /** Declares that {@code node} depends on {@code prerequisite}: the prerequisite runs first. */
        public Builder<K> dependsOn(K node, K prerequisite) {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(prerequisite, "prerequisite");
            for (K end : List.of(node, prerequisite)) {
                if (!prerequisites.containsKey(end)) {
                    throw new IllegalArgumentException("dependsOn(" + node + ", " + prerequisite + "): unknown node "
                            + end + "; declare it with node() first");
                }
            }
            prerequisites.get(node).add(prerequisite);
            return this;
        }

        /**
         * The graph as declared so far.
         *
         * @throws CycleException naming one cycle when the edges are not acyclic
         */
        public Graph<K> build() {
            List<K> nodes = List.copyOf(prerequisites.keySet());
            Map<K, Integer> declared = new HashMap<>();
            Map<K, List<K>> prereqs = new HashMap<>();
            Map<K, List<K>> deps = new HashMap<>();
            for (K node : nodes) {
                declared.put(node, declared.size());
                prereqs.put(node, List.copyOf(prerequisites.get(node)));
                deps.put(node, new ArrayList<>());
            }
            for (K node : nodes) {
                for (K prerequisite : prereqs.get(node)) {
                    deps.get(prerequisite).add(node);
                }
            }
            deps.replaceAll((node, list) -> List.copyOf(list));

            // Kahn's algorithm; the queue hands out the earliest-declared ready node first.
            Map<K, Integer> waiting = new HashMap<>();
            PriorityQueue<K> ready = new PriorityQueue<>(Comparator.comparing(declared::get));
            for (K node : nodes) {
                waiting.put(node, prereqs.get(node).size());
                if (prereqs.get(node).isEmpty()) {
                    ready.add(node);
                }
            }
            List<K> order = new ArrayList<>(nodes.size());
            while (!ready.isEmpty()) {
                K node = ready.poll();
                order.add(node);
                for (K dependent : deps.get(node)) {
                    if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                        ready.add(dependent);
                    }
                }
            }
            if (order.size() < nodes.size()) {
                throw new CycleException(findCycle(nodes, prereqs, waiting, declared));
            }
            return new Graph<>(nodes, Collections.unmodifiableMap(prereqs), Collections.unmodifiableMap(deps),
                    List.copyOf(order));
        }

        /**
         * Every node Kahn's algorithm left behind still waits on a prerequisite that was left behind too, so
         * following left-behind prerequisites from any of them must come back to a node already on the path.
         */
        private static <K> List<K> findCycle(List<K> nodes, Map<K, List<K>> prereqs, Map<K, Integer> waiting,
                                             Map<K, Integer> declared) {
            K current = nodes.stream().filter(n -> waiting.get(n) > 0).findFirst().orElseThrow();
            List<K> path = new ArrayList<>();
            Map<K, Integer> onPath = new HashMap<>();
            while (!onPath.containsKey(current)) {
                onPath.put(current, path.size());
                path.add(current);
                current = prereqs.get(current).stream().filter(p -> waiting.get(p) > 0).findFirst().orElseThrow();
            }
            List<K> cycle = new ArrayList<>(path.subList(onPath.get(current), path.size()));
            int first = cycle.indexOf(Collections.min(cycle, Comparator.comparing(declared::get)));
            Collections.rotate(cycle, -first);
            cycle.add(cycle.getFirst());
            return cycle;
        }
    }
}
