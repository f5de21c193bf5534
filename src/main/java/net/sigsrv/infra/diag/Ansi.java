package net.sigsrv.infra.diag;

/**
 * ANSI colour for text renderers (diagnostics, plans, doctor reports): whether to colour is the caller's choice
 * (the CLI decides it from the terminal); this only wraps text in the SGR code asked for.
 */
public final class Ansi {

    private Ansi() {
    }

    /** {@code text} in SGR {@code code} (e.g. "32" green, "1;31" bold red) when {@code colour}, else as it is. */
    public static String paint(boolean colour, String code, String text) {
        return colour ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }
}
