/**
 * An embedded simulated Incus cluster that serves the same REST API as the real daemon, over plain HTTP on
 * loopback, so {@code --sim} runs every command (plan, apply, doctor, …) without root, daemon or network.
 *
 * <p>What it is: {@link net.sigsrv.infra.sim.SimServer} (the HTTP front: envelope, ETags, operations, routing),
 * {@link net.sigsrv.infra.sim.SimModel} (the cluster: members with their host interfaces, projects with limits,
 * profiles, networks with the per-member Pending → Created flow, zones, ACLs, pools, volumes, instances with
 * leases and probe commands, faults) and {@link net.sigsrv.infra.sim.SimStore} (the state file under
 * {@code .infra/sim/}). The model's state is plain mutable data guarded by one lock: it is a store, not a domain
 * model, and is written to disk as JSON after changes.
 *
 * <p>What it must not do: depend on anything here but {@code incus} (today only its {@code Endpoint}, what a client
 * needs to reach the simulator; see the package map in {@code docs/development.md}); grow special cases that the
 * engine must know about (the engine talks to it through {@code IncusClient} over {@code Endpoint.Http}, like to any
 * daemon); claim behaviour the conformance suite does not show on both the simulator and the real lab; listen on
 * anything but loopback.
 */
package net.sigsrv.infra.sim;
