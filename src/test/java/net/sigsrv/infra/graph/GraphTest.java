package net.sigsrv.infra.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class GraphTest {

    @Test
    void topologicalOrderBreaksTiesByDeclarationOrder() {
        Graph<String> graph = Graphs.of("c:", "a:", "web: net pool", "pool:", "net:");

        assertThat(graph.topologicalOrder()).containsExactly("c", "a", "pool", "net", "web");
        assertThat(graph.nodes()).containsExactly("c", "a", "web", "pool", "net");
    }

    @Test
    void topologicalOrderPutsEveryNodeAfterItsPrerequisitesInRandomGraphs() {
        Random random = new Random(4);
        for (int i = 0; i < 200; i++) {
            Graph<String> graph = Graphs.random(random, 30);
            List<String> order = graph.topologicalOrder();
            assertThat(order).containsExactlyInAnyOrderElementsOf(graph.nodes());
            for (String node : graph.nodes()) {
                for (String prerequisite : graph.prerequisitesOf(node)) {
                    assertThat(order.indexOf(prerequisite)).as("%s before %s", prerequisite, node)
                            .isLessThan(order.indexOf(node));
                }
            }
            assertThat(order).as("the earliest declared ready node comes next").isEqualTo(greedyOrder(graph));
        }
    }

    @Test
    void neighboursAncestorsAndDescendants() {
        Graph<String> graph = Graphs.of("a:", "b: a", "c: a", "d: c b", "e:", "f: d");

        assertThat(graph.prerequisitesOf("d")).containsExactly("c", "b");
        assertThat(graph.dependentsOf("a")).containsExactly("b", "c");
        assertThat(graph.ancestors("f")).containsExactly("a", "b", "c", "d");
        assertThat(graph.ancestors("a")).isEmpty();
        assertThat(graph.descendants("a")).containsExactly("b", "c", "d", "f");
        assertThat(graph.descendants("b")).containsExactly("d", "f");
        assertThat(graph.descendants("e")).isEmpty();
        assertThat(graph.size()).isEqualTo(6);
        assertThat(graph.contains("e")).isTrue();
        assertThat(graph.contains("z")).isFalse();
        assertThat(graph).hasToString("Graph(6 nodes, 5 edges)");
    }

    @Test
    void repeatedDeclarationsAreHarmless() {
        Graph<String> graph = Graph.<String>builder().node("a").node("b").node("a")
                .dependsOn("b", "a").dependsOn("b", "a").build();

        assertThat(graph.nodes()).containsExactly("a", "b");
        assertThat(graph.prerequisitesOf("b")).containsExactly("a");
    }

    @Test
    void isImmutable() {
        Graph.Builder<String> builder = Graph.<String>builder().node("a");
        Graph<String> graph = builder.build();
        builder.node("b").dependsOn("a", "b");

        assertThat(graph.nodes()).containsExactly("a");
        assertThat(graph.prerequisitesOf("a")).isEmpty();
        assertThatThrownBy(() -> graph.nodes().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> graph.descendants("a").add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void edgesToUndeclaredNodesAreRejected() {
        Graph.Builder<String> builder = Graph.<String>builder().node("web");

        assertThatThrownBy(() -> builder.dependsOn("web", "lan"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dependsOn(web, lan): unknown node lan; declare it with node() first");
        assertThatThrownBy(() -> builder.dependsOn("db", "web"))
                .hasMessage("dependsOn(db, web): unknown node db; declare it with node() first");
        assertThatThrownBy(() -> builder.node(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void queriesAboutUnknownNodesAreRejected() {
        Graph<String> graph = Graphs.of("a:");

        assertThatThrownBy(() -> graph.descendants("zz")).hasMessage("unknown node: zz");
        assertThatThrownBy(() -> graph.prerequisitesOf("zz")).hasMessage("unknown node: zz");
    }

    @Test
    void cycleIsNamedInDependencyDirectionFromItsEarliestDeclaredNode() {
        assertThatThrownBy(() -> Graphs.of("x: a", "a: b", "b: c", "c: a"))
                .isInstanceOfSatisfying(CycleException.class,
                        e -> assertThat(e.cycle()).isEqualTo(List.of("a", "b", "c", "a")))
                .hasMessage("dependency cycle: a -> b -> c -> a (each depends on the next)");

        assertThatThrownBy(() -> Graphs.of("c: a", "b: c", "a: b"))
                .hasMessage("dependency cycle: c -> a -> b -> c (each depends on the next)");
    }

    @Test
    void cycleBehindAcyclicPartsAndSelfDependencyAreFound() {
        assertThatThrownBy(() -> Graphs.of("ok:", "p: ok q", "q: p", "after: q"))
                .hasMessage("dependency cycle: p -> q -> p (each depends on the next)");
        assertThatThrownBy(() -> Graphs.of("a:", "b: b a"))
                .hasMessage("dependency cycle: b -> b (each depends on the next)");
    }

    @Test
    void emptyGraphIsFine() {
        Graph<String> graph = Graph.<String>builder().build();

        assertThat(graph.topologicalOrder()).isEmpty();
        assertThat(new Walker().walk(graph, 1, node -> { }, WalkListener.none()).ok()).isTrue();
    }

    /** The reference: repeatedly take the earliest-declared node whose prerequisites are all taken. */
    private static List<String> greedyOrder(Graph<String> graph) {
        List<String> order = new ArrayList<>();
        Map<String, Boolean> taken = new HashMap<>();
        while (order.size() < graph.size()) {
            for (String node : graph.nodes()) {
                if (!taken.containsKey(node) && graph.prerequisitesOf(node).stream().allMatch(taken::containsKey)) {
                    taken.put(node, true);
                    order.add(node);
                    break;
                }
            }
        }
        return order;
    }
}
