/**
 * A cluster's nodes as knowable before boot ({@link net.sigsrv.infra.talos.nodes.NodePlan}): stable names, hosts,
 * reserved IPv4 addresses and MACs; and the Incus objects they need
 * ({@link net.sigsrv.infra.talos.nodes.ClusterResources}). Data in, data out: no I/O, no clock, no randomness.
 */
package net.sigsrv.infra.talos.nodes;
