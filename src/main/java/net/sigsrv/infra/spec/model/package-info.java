/**
 * Immutable records of the lab as the spec describes it. Optional values are {@link java.util.Optional} or
 * {@link java.util.OptionalLong}; free-text fields ({@code description}, {@code purpose}) are the empty string when
 * absent. Every record carries a {@link net.sigsrv.infra.spec.model.Loc} so rules can point at the exact key.
 *
 * <p>May use: {@code diag} (and the planned {@code values}); nothing else (the package map in
 * {@code docs/development.md}).
 */
package net.sigsrv.infra.spec.model;
