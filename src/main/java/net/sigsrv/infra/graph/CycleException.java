package net.sigsrv.infra.graph;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown by {@link Graph.Builder#build()} when the declared dependencies form a cycle. The cycle is named in
 * dependency direction, each node depending on the next, and closed: {@code [a, b, c, a]} reads "a depends on b,
 * b on c, c on a". It starts at the cycle's earliest-declared node, so the message is stable.
 */
public final class CycleException extends RuntimeException {

    private final transient List<?> cycle;

    CycleException(List<?> cycle) {
        super("dependency cycle: " + cycle.stream().map(String::valueOf).collect(Collectors.joining(" -> "))
                + " (each depends on the next)");
        this.cycle = List.copyOf(cycle);
    }

    /** The nodes on the cycle, first node repeated at the end. */
    public List<?> cycle() {
        return cycle;
    }
}
