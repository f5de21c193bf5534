/**
 * Problems as values: {@link net.sigsrv.infra.diag.Diagnostic} and the ordered collection
 * {@link net.sigsrv.infra.diag.Diagnostics}. Every stage (loading, validation, planning, doctor) reports user
 * problems here instead of throwing. This package depends on nothing else in the project and does no I/O.
 *
 * <p>May use: nothing else in the project (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.diag;
