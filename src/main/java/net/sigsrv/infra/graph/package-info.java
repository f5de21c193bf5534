/**
 * A generic dependency graph ({@link net.sigsrv.infra.graph.Graph}) and a walker that runs a step per node with
 * bounded parallelism ({@link net.sigsrv.infra.graph.Walker}): a node runs only after all its prerequisites
 * succeeded; when a step fails, everything downstream of it is skipped with "upstream failed: &lt;root&gt;" and
 * everything independent still runs; progress is reported through {@link net.sigsrv.infra.graph.WalkListener} hooks
 * and the outcome comes back as a value ({@link net.sigsrv.infra.graph.WalkResult}).
 *
 * <p>What it must not do: know about Incus, specs, plans or any other domain type (it imports nothing from
 * {@code net.sigsrv.infra}); print, log or read the clock for anything but durations; retry, time out or wait on
 * its own — those are the caller's steps' business ({@code apply}). Nodes are plain keys compared with
 * {@code equals}/{@code hashCode} and shown with {@code toString}.
 *
 * <p>May use: nothing else in the project (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.graph;
