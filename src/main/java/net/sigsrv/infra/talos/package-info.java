/**
 * The Talos layer: everything about a {@code clusters:} entry that is not plain Incus. Today {@code talos.nodes}:
 * what is knowable before any node boots (node names, placement on hosts, reserved addresses and MACs) and the
 * Incus objects a cluster stands on (node VMs, the Talos ISO volume, data volumes, zone records), handed to the
 * Incus layer as desired {@link net.sigsrv.infra.plan.Resource}s; {@code talos.config}: each node's machine
 * configuration (its node values, {@code talos.config.NodeInput}, are what {@code talos.nodes.Node} knows). Machine
 * secrets, the Talos API client and the node lifecycle steps come next (issue 14).
 *
 * <p>May use {@code spec}, {@code plan}, {@code incus}, {@code values} and {@code diag}, nothing else (the package
 * map in {@code docs/development.md}).
 */
package net.sigsrv.infra.talos;
