/**
 * Immutable records of the lab as the spec describes it. Optional values are {@link java.util.Optional} or
 * {@link java.util.OptionalLong}; free-text fields ({@code description}, {@code purpose}) are the empty string when
 * absent. Every record carries a {@link net.sigsrv.infra.spec.model.Loc} so rules can point at the exact key.
 */
package net.sigsrv.infra.spec.model;
