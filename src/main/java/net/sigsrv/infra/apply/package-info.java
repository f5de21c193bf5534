/**
 * Executes plans against a live lab: observing it with bulk list calls ({@link net.sigsrv.infra.apply.Observer}),
 * turning each change into API calls ({@link net.sigsrv.infra.apply.ChangeExecutor}), walking the dependency graph
 * with bounded parallelism ({@link net.sigsrv.infra.apply.Applier}), the lab-wide lock
 * ({@link net.sigsrv.infra.apply.LabLock}). Reports progress through listeners; never prints.
 *
 * <p>May use: {@code plan}, {@code graph}, {@code incus}, {@code spec}, {@code guard}, {@code diag} (and the
 * planned {@code values}); never {@code cli}. The planned {@code engine} package builds on this one, not the other
 * way round (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.apply;
