package net.sigsrv.infra.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Small graphs the tests share, written as "node: prerequisites" so a test shows its shape at a glance. */
final class Graphs {

    private Graphs() {
    }

    /**
     * A graph from lines like {@code "d: b c"} (d depends on b and c) or {@code "a:"} (no prerequisites). Nodes are
     * declared in the order of the lines; every node needs its own line.
     */
    static Graph<String> of(String... lines) {
        Graph.Builder<String> builder = Graph.builder();
        for (String line : lines) {
            builder.node(line.substring(0, line.indexOf(':')).strip());
        }
        for (String line : lines) {
            String node = line.substring(0, line.indexOf(':')).strip();
            for (String prerequisite : line.substring(line.indexOf(':') + 1).strip().split("\\s+")) {
                if (!prerequisite.isEmpty()) {
                    builder.dependsOn(node, prerequisite);
                }
            }
        }
        return builder.build();
    }

    /** a → b, a → c, b and c → d. */
    static Graph<String> diamond() {
        return of("a:", "b: a", "c: a", "d: b c");
    }

    /**
     * A random DAG: edges only go from earlier to later in a hidden random order (so it is acyclic), and nodes
     * are declared in another random order (so declaration order says nothing about dependencies).
     */
    static Graph<String> random(Random random, int maxNodes) {
        int n = 1 + random.nextInt(maxNodes);
        List<String> hidden = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hidden.add("n" + i);
        }
        Collections.shuffle(hidden, random);
        List<String> declared = new ArrayList<>(hidden);
        Collections.shuffle(declared, random);
        Graph.Builder<String> builder = Graph.builder();
        declared.forEach(builder::node);
        double density = random.nextDouble() * 0.4;
        for (int later = 0; later < n; later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                if (random.nextDouble() < density) {
                    builder.dependsOn(hidden.get(later), hidden.get(earlier));
                }
            }
        }
        return builder.build();
    }
}
