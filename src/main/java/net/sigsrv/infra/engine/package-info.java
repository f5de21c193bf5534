/**
 * The engine: the one way to plan and apply, whatever the layer. {@link net.sigsrv.infra.engine.Engine} asks every
 * {@link net.sigsrv.infra.engine.Layer} for its part of the plan and joins the parts into one
 * {@link net.sigsrv.infra.plan.Plan} ({@link net.sigsrv.infra.engine.Mode#APPLY}: match the spec;
 * {@link net.sigsrv.infra.engine.Mode#DESTROY}: a plan against an empty desired lab), then applies a plan by
 * joining every layer's edges into one graph walked once. {@link net.sigsrv.infra.engine.IncusLayer} is the Incus
 * layer, an adapter over {@code apply} (observer, change order, change executor).
 *
 * <p>May use {@code plan}, {@code graph}, the layers' packages ({@code apply}, and {@code talos}: the Incus layer adds the
 * Incus part of the spec's clusters from {@code talos.nodes}), {@code guard},
 * {@code spec} and {@code incus}. Prints nothing: progress goes to a {@link net.sigsrv.infra.graph.WalkListener},
 * problems are values or exceptions. Nothing here imports {@code cli}, and the layers' packages do not import this
 * one: each layer's {@link net.sigsrv.infra.engine.Layer} is a small adapter here over its package, as
 * {@link net.sigsrv.infra.engine.IncusLayer} is over {@code apply}.
 */
package net.sigsrv.infra.engine;
