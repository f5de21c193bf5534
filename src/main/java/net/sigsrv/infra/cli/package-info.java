/**
 * The {@code infra} command line: thin picocli commands that parse, call one engine entry point, render and
 * return an {@link net.sigsrv.infra.cli.ExitCode}. No logic of its own lives here; {@link
 * net.sigsrv.infra.cli.Main} is the only place that exits the JVM.
 *
 * <p>May use every other package but the planned {@code web}; no package uses this one (the package map in
 * {@code docs/development.md}).
 */
package net.sigsrv.infra.cli;
