/**
 * The lab's rules, run over a bound {@link net.sigsrv.infra.spec.model.Spec}. Each rule class checks one concern
 * and reports through {@link net.sigsrv.infra.spec.validate.Report}; every rule ID is listed in
 * {@link net.sigsrv.infra.spec.validate.RuleCatalog} (and so in {@code docs/rules.md}). Rules never stop at the
 * first problem and never throw for bad input.
 *
 * <p>May use: {@code diag} and the rest of {@code spec} (and the planned {@code values}); nothing else (the
 * package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.spec.validate;
