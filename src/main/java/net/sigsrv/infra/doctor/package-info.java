/**
 * {@code infra doctor}: the lab's troubleshooting workflows as checks with stable IDs ({@link Checks}), grouped by
 * {@link Area}, run against the live lab through the Incus API (and, with a spec, against what should be there).
 * Every check yields {@link Finding}s — values with a severity, evidence and a {@link Remedy} — and
 * {@link RootCauses} links a symptom (a failed cross-host ping, a member's unreadable state) to the finding that
 * explains it. {@link Doctor} is the one entry point; {@link ReportText} and {@link ReportJson} render a
 * {@link Report}; {@link HostShell} runs the remedies that need a host shell (over SSH, see {@link SshShell}).
 * Never prints: progress goes to a listener, output is the caller's.
 *
 * <p>May use: {@code incus}, {@code spec}, {@code guard} (and the planned {@code talos}, {@code kube} and
 * {@code values}); never {@code cli} (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.doctor;
