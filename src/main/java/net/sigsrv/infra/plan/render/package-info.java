/**
 * Renderers of a {@link net.sigsrv.infra.plan.Plan}: human text in the OpenTofu style ({@code +}, {@code ~},
 * {@code -/+}, {@code -}, optional colour) and a stable JSON document. Pure functions of the plan; no I/O.
 *
 * <p>May use: {@code plan}, {@code spec}, the {@code incus} API records; no I/O (the package map in
 * {@code docs/development.md}).
 */
package net.sigsrv.infra.plan.render;
