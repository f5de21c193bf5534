/**
 * Every key of the lab spec, declared once ({@link net.sigsrv.infra.spec.schema.SpecSchema}: type, default,
 * documentation, in canonical order), and what those declarations drive: checking a node tree against them ({@link
 * net.sigsrv.infra.spec.schema.SchemaChecker}, with "did you mean" suggestions), {@code infra fmt}'s key order, and
 * the spec reference in {@code docs/spec.md} ({@link net.sigsrv.infra.spec.schema.SchemaReference}, {@code infra
 * schema}). Reports through diagnostics; never throws for bad input.
 *
 * <p>May use: {@code diag} and the rest of {@code spec} ({@code spec.yaml}, {@code spec.model}); nothing else (the
 * package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.spec.schema;
