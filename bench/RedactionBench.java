import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.guard.RedactingOutputStream;
import net.sigsrv.infra.guard.Redactor;

/**
 * Throughput of the redaction layer on output like infra's own (plan lines, JSON of instances, tables), with one
 * line in a hundred holding a secret: Redactor.redact per line, and a PrintStream (autoflush, as cli/Main uses)
 * over RedactingOutputStream against the same PrintStream without it. Run by bench/redaction.sh.
 */
public class RedactionBench {

    public static void main(String[] args) {
        int mib = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        List<String> lines = new ArrayList<>();
        String[] sample = {
            "  + instance.sigsrv-p1/web",
            "      + config.limits.cpu            = \"4\"",
            "    \"status\": \"Running\", \"location\": \"minisrv\", \"type\": \"container\",",
            "NAME        STATUS   ROLES              URL                         MESSAGE",
            "sigsrv-p1/web: Still creating… [10s elapsed]",
            "      \"user.sigsrv-infra.lab\": \"sigsrv\",",
            "      ~ description = \"Jump host\" -> \"Jump host into the tenant's network (managed by sigsrv-infra)\"",
        };
        long bytes = 0;
        for (int i = 0; bytes < (long) mib << 20; i++) {
            String l = i % 100 == 99 ? "      + config.user.token = \"eyJjbGllbnRfbmFtZSI6ImxlYWsiLCJzZWNyZXQiOiJhYmMifQ==\""
                    : sample[i % sample.length] + " " + i;
            lines.add(l);
            bytes += l.length() + 1;
        }
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime();
            long masked = 0;
            for (String l : lines) {
                masked += Redactor.redact(l).length();
            }
            double redact = seconds(t0);
            double raw = print(new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8), lines);
            double stream = print(new PrintStream(new RedactingOutputStream(OutputStream.nullOutputStream()), true,
                    StandardCharsets.UTF_8), lines);
            System.out.printf("round %d: %d MiB, %d lines: Redactor.redact %.0f MiB/s; PrintStream raw %.0f MiB/s,"
                    + " through RedactingOutputStream %.0f MiB/s (%d chars out)%n", round + 1, mib, lines.size(),
                    mib / redact, mib / raw, mib / stream, masked);
        }
    }

    private static double print(PrintStream out, List<String> lines) {
        long t0 = System.nanoTime();
        for (String l : lines) {
            out.println(l);
        }
        out.flush();
        return seconds(t0);
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
