package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.util.function.LongConsumer;

/** Bytes moved so far, on stderr, at most once a second: "export web: 12.0 MiB (3.1 MiB/s)". */
final class TransferProgress implements LongConsumer {

    private final PrintWriter err;
    private final String what;
    private final long start = System.nanoTime();
    private long last = start;

    TransferProgress(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    @Override
    public void accept(long bytes) {
        long now = System.nanoTime();
        if (now - last >= 1_000_000_000L) {
            last = now;
            err.println(what + ": " + size(bytes) + " (" + size((long) (bytes / ((now - start) / 1e9))) + "/s)");
            err.flush();
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
