/**
 * {@code infra fmt}'s engine: rewrites a spec's text in canonical form — keys of known objects in schema order,
 * 2-space indentation, scalars exactly as written — without losing a comment. Entry point: {@link
 * net.sigsrv.infra.spec.format.SpecFormatter}.
 *
 * <p>The pipeline is text → {@code TreeBuilder} (parser events with positions; {@code OneLineFlow} picks the flow
 * collections that stay on one line) → {@code CommentPlacer} (every comment and blank line gets an owner by
 * position) → {@code CanonicalOrder} (schema key order) → {@code Printer} → {@code Equivalence} (the output must
 * compose to the same data and hold the same comments, or the formatter fails loudly instead of writing a changed
 * spec).
 *
 * <p>Works on strings only: no file, console or network I/O, and never prints.
 *
 * <p>May use: {@code diag} and the rest of {@code spec}; nothing else (the package map in
 * {@code docs/development.md}).
 */
package net.sigsrv.infra.spec.format;
