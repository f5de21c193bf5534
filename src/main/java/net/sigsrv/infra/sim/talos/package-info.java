/**
 * Simulated Talos nodes: each serves the Talos API ({@code machine.MachineService}, grpc-java) on loopback with the
 * TLS rules of Talos, so the Talos client and the Talos layer are tested against the same wire, certificates and
 * refusals as a real node.
 *
 * <p>What it is: {@link net.sigsrv.infra.sim.talos.SimTalosNode} (one node: maintenance mode with a self-signed
 * certificate and no client certificate, serving only ApplyConfiguration and Version; after a configuration and a
 * reboot, configured mode with a server certificate from the OS CA of that configuration, demanding a client
 * certificate from the same CA with the {@code os:admin} role), {@link net.sigsrv.infra.sim.talos.SimTalosNetwork}
 * (the nodes that can reach each other: the {@code node} header routes a call through one node to another, and
 * each cluster's etcd membership), {@link net.sigsrv.infra.sim.talos.SimMachineConfig} (what the node reads of a
 * machine configuration, and why it refuses one) and {@link net.sigsrv.infra.sim.talos.SimPki} (certificates made
 * with Bouncy Castle).
 *
 * <p>It lives in {@code sim} because it is the simulator's counterpart of a VM's Talos, to be started by the
 * simulated Incus cluster; it uses {@code talos.proto} (the generated messages: the wire) and {@code talos.api}
 * (only {@code TalosPem}, the one reader of Talos's PEM forms, and {@code SingleKeyManager}), never the client itself.
 *
 * <p>What it must not do: listen on anything but loopback; print or log a configuration, key or kubeconfig; claim
 * Talos behaviour that docs/talos-api.md does not list (what it does not model is written there).
 */
package net.sigsrv.infra.sim.talos;
