/**
 * Guardrails: what the tool refuses to show and to do, and what it records. {@link
 * net.sigsrv.infra.guard.Redactor} masks secrets on every output path (the CLI's stdout and stderr through {@link
 * net.sigsrv.infra.guard.Redaction}, logs, the audit log, web answers); {@link net.sigsrv.infra.guard.CephGuard}
 * refuses to delete Ceph resources; {@link net.sigsrv.infra.guard.AuditLog} appends one JSON line per mutating call.
 * Rules are pure values and checks; this package prints nothing and calls no daemon. It depends only on the
 * listener interface of {@code incus} that it implements, and on {@link net.sigsrv.infra.spec.model.Privilege}
 * (which config is privileged), shared with spec validation and the doctor.
 *
 * <p>May use: {@code incus} (its listener interface); its use of {@code spec.model.Privilege} is the map's one
 * known exception (the package map in {@code docs/development.md}, held by {@code DevelopmentMapTest}).
 */
package net.sigsrv.infra.guard;
