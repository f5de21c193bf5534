/**
 * The plan: what must change in the lab to make it match the spec. Data only — {@link
 * net.sigsrv.infra.plan.Resource} (an object's comparable fields, desired or observed), {@link
 * net.sigsrv.infra.plan.Change} over the closed set of {@link net.sigsrv.infra.plan.Action}s, and the {@link
 * net.sigsrv.infra.plan.Differ} that computes them from {@link net.sigsrv.infra.plan.Desired} ×
 * {@link net.sigsrv.infra.plan.Observed}. Renderers turn a plan into text or JSON.
 *
 * <p>No I/O here: observing the lab and applying a plan live in {@code apply}. May use {@code spec} and the
 * {@code incus} API records, nothing else.
 *
 * <p>(The package map in {@code docs/development.md} holds this, with the planned {@code values}.)
 */
package net.sigsrv.infra.plan;
