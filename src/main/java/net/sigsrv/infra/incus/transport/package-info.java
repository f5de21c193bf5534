/**
 * How bytes reach a daemon, under the Incus client: HTTP clients for the unix socket ({@link
 * net.sigsrv.infra.incus.transport.UnixSocketFactory}), HTTPS with a client certificate ({@link
 * net.sigsrv.infra.incus.transport.OneKeyManager}, keys read by {@link net.sigsrv.infra.incus.transport.Pem}) and a
 * verified server certificate, pinned or CA-checked ({@link net.sigsrv.infra.incus.transport.PinnedTrustManager}),
 * and plain HTTP to the simulator on loopback; one set of limits and timeouts for all ({@link
 * net.sigsrv.infra.incus.transport.HttpClients}). Knows sockets, certificates and keys, not API objects; error
 * messages name files, never their contents.
 *
 * <p>May use: nothing else in the project (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.incus.transport;
