/**
 * Executes plans against a live lab: observing it with bulk list calls ({@link net.sigsrv.infra.apply.Observer}),
 * turning each change into API calls ({@link net.sigsrv.infra.apply.ChangeExecutor}), walking the dependency graph
 * with bounded parallelism ({@link net.sigsrv.infra.apply.Applier}), the lab-wide lock
 * ({@link net.sigsrv.infra.apply.LabLock}). Reports progress through listeners; never prints.
 */
package net.sigsrv.infra.apply;
