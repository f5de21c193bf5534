/**
 * Problems as values: {@link net.sigsrv.infra.diag.Diagnostic} and the ordered collection
 * {@link net.sigsrv.infra.diag.Diagnostics}. Every stage (loading, validation, planning, doctor) reports user
 * problems here instead of throwing. This package depends on nothing else in the project and does no I/O.
 *
 * <p>May use: nothing else in the project (the package map in {@code docs/development.md}). It also holds the two
 * small helpers every stage shares, because it is the one package all of them may reach:
 * {@link net.sigsrv.infra.diag.Futures} (a result joined from another thread fails as the task failed) and
 * {@link net.sigsrv.infra.diag.Ansi} (colour for the text renderers).
 */
package net.sigsrv.infra.diag;
