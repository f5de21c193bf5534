/**
 * Talos machine configuration: the {@code v1alpha1} control-plane and worker document of each node of a spec
 * cluster, built from the cluster's secrets and the node values ({@link ConfigInputs}), then the spec's patches
 * merged in (cluster, then group, then node), and rendered as YAML ({@link MachineConfigs}).
 *
 * <p>The documents hold the cluster's private keys: nothing here prints, logs or returns them in a
 * {@code toString}; callers write them only to 0600 files or send them to a node. This package does no I/O but
 * reading patch files and a secrets file it is pointed at.
 */
package net.sigsrv.infra.talos.config;
