/**
 * The Talos layer: everything about a {@code clusters:} entry that is not plain Incus. Today {@code talos.nodes}:
 * what is knowable before any node boots (node names, placement on hosts, reserved addresses and MACs) and the
 * Incus objects a cluster stands on (node VMs, the Talos ISO volume, data volumes, zone records), handed to the
 * Incus layer as desired {@link net.sigsrv.infra.plan.Resource}s. Machine secrets, machine configuration, the Talos
 * API client and the node lifecycle steps come next (issue 14).
 *
 * <p>Pure derivations, no I/O. May use {@code spec}, {@code plan}, {@code incus} and {@code values}, nothing else
 * (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.talos;
