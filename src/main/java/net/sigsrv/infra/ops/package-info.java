/**
 * The operations catalog: one entry point per day-to-day operation on a live lab (projects, instances, networks,
 * zones, ACLs, storage, backups), over the Incus client. Each entry point checks the guard rules that belong to it
 * (protected objects, privileged and privileged-equivalent config, an imported backup's included) before it touches
 * anything, and throws {@link net.sigsrv.infra.ops.Refused} when they say no. Progress goes through callbacks;
 * this package never prints.
 *
 * <p>May use: {@code incus}, {@code spec}, {@code guard} (and the planned {@code talos}, {@code kube} and
 * {@code values}); never {@code cli} (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.ops;
