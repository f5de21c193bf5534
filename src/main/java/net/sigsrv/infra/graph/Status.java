package net.sigsrv.infra.graph;

/** How a node ended in a walk; see {@link Outcome} for the details each carries. */
public enum Status {
    SUCCEEDED,
    FAILED,
    SKIPPED
}
