/**
 * The Incus layer's machinery, used by {@link net.sigsrv.infra.engine.IncusLayer}: observing the lab with bulk list
 * calls ({@link net.sigsrv.infra.apply.Observer}), ordering the Incus changes of a plan
 * ({@link net.sigsrv.infra.apply.ChangeOrder}), turning each change into API calls
 * ({@link net.sigsrv.infra.apply.ChangeExecutor}), the lab-wide lock ({@link net.sigsrv.infra.apply.LabLock}),
 * adoption and ownership marks. Walking the graph is the engine's. Reports progress through listeners; never prints.
 *
 * <p>May use: {@code plan}, {@code graph}, {@code incus}, {@code spec}, {@code guard}, {@code diag} (and the
 * planned {@code values}); never {@code cli}. The {@code engine} package builds on this one, not the other way round
 * (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.apply;
