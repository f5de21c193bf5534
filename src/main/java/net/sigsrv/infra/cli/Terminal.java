package net.sigsrv.infra.cli;

/**
 * Whether to colour output. The launcher knows whether stdout is a terminal ({@code [ -t 1 ]}) and says so with
 * {@code -Dinfra.tty=true}; NO_COLOR and TERM=dumb turn colour off, as everywhere. The renderers paint with
 * {@link net.sigsrv.infra.diag.Ansi} when this says so.
 */
final class Terminal {

    private Terminal() {
    }

    static boolean colour() {
        return Boolean.getBoolean("infra.tty") && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
    }
}
