/**
 * The Incus (and LXD) REST client: transports (unix socket, HTTPS with client certificates and verified server
 * certificates), the response envelope, ETags, async operations and waits, api_extensions gating, and typed calls
 * per API area ({@code api} holds the records). Depends only on {@code diag}; knows nothing of specs or plans.
 * Every call has a timeout; only idempotent reads are retried.
 *
 * <p>May use: {@code diag} (and the planned {@code values}); nothing else (the package map in
 * {@code docs/development.md}).
 */
package net.sigsrv.infra.incus;
