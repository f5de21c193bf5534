/**
 * The Talos layer: everything about a {@code clusters:} entry that is not plain Incus. {@code talos.nodes}: what is
 * knowable before any node boots (node names, placement on hosts, reserved addresses and MACs) and the Incus objects
 * a cluster stands on (node VMs, the Talos ISO volume, data volumes, zone records), handed to the Incus layer as
 * desired {@link net.sigsrv.infra.plan.Resource}s; {@code talos.secrets}: each cluster's machine secrets, made as
 * {@code talosctl gen secrets} makes them, kept in a 0600 file beside the spec, imported from talosctl or the
 * OpenTofu Talos provider; {@code talos.config}: each node's machine configuration (its node values,
 * {@code talos.config.NodeInput}, are what {@code talos.nodes.Node} knows); {@code talos.api} and
 * {@code talos.proto}: the Talos API client. The node lifecycle steps come next (issue 14).
 *
 * <p>May use {@code spec}, {@code plan}, {@code incus}, {@code values} and {@code diag}, nothing else (the package
 * map in {@code docs/development.md}). Must not print: secrets leave this package only as files with mode 0600;
 * nothing here writes to a stream, a log or the audit log.
 */
package net.sigsrv.infra.talos;
