/**
 * Naming daemons: remotes as the incus/lxc CLIs keep them ({@code config.yml}, {@code client.crt/.key},
 * {@code servercerts/}), the built-in {@code local} (the local unix socket) and {@code lab} (the test lab made by
 * {@code lab/up}), and joining a new remote with a trust token. Reads and writes files under the user's config
 * directories only; private keys are written with mode 0600 and never printed.
 *
 * <p>May use: the rest of {@code incus} ({@code incus.transport} for certificates and keys), {@code diag}; nothing
 * else (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.incus.remote;
