/**
 * The Talos API client: gRPC over TLS to a node's apid on port 50000, with the messages of Talos's
 * {@code machine.MachineService} generated at build time from {@code src/main/proto} (package {@code talos.proto}).
 *
 * <p>What it is: {@link net.sigsrv.infra.talos.api.TalosClient} (one channel to one endpoint; per-node calls through
 * it carry the {@code node} metadata header, as talosctl's do), {@link net.sigsrv.infra.talos.api.TalosCredentials}
 * (maintenance mode: TLS without verifying the node's self-signed certificate and without a client certificate, as
 * {@code talosctl --insecure}; configured mode: mutual TLS, the server checked against the cluster's OS CA, the
 * client being talosconfig's {@code os:admin} certificate), and {@link net.sigsrv.infra.talos.api.TalosApiException}
 * (a failed call as a kind the caller can act on: not answering, still in maintenance, refused, …). Replies come
 * back as small records of this package, so callers never handle generated types.
 *
 * <p>What it must not do: print, log or put into an exception message any configuration, key or kubeconfig it
 * carries; decide lifecycle (which node to bootstrap, when to wait: the Talos layer does); spell gRPC paths
 * anywhere else (only the generated stubs do).
 */
package net.sigsrv.infra.talos.api;
