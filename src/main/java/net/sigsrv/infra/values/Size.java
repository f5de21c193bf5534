package net.sigsrv.infra.values;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes written the Incus way: {@code 4GiB}, {@code 100GiB}, {@code 512MB}, or a plain number of bytes.
 *
 * <p>The number is a whole one, as the daemon's own parser ({@code shared/units.ParseByteSizeString}) reads it
 * with {@code strconv.ParseInt}: {@code 1.5GiB} is not a size there, so it is none here either, wherever it is
 * read (the spec, the simulator's quotas and pools). Units are powers of 1000 ({@code kB MB GB TB PB EB}) or 1024
 * ({@code KiB MiB GiB TiB PiB EiB}). Two leniencies of the spec stay: a space before the unit and either case of
 * the k ({@code KB}, {@code kiB}); the daemon never sees them, as the planner writes every size with
 * {@link #format}.
 */
public final class Size {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|[kKMGTPE]i?B)?");

    private Size() {
    }

    /** The number of bytes, or empty when {@code text} is not a size or does not fit a {@code long}. */
    public static OptionalLong parse(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(m.group(1));
            long factor = factor(m.group(2));
            return number > Long.MAX_VALUE / factor ? OptionalLong.empty() : OptionalLong.of(number * factor);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static long factor(String unit) {
        if (unit == null || unit.equals("B")) {
            return 1;
        }
        boolean binary = unit.contains("i");
        long base = binary ? 1024 : 1000;
        int power = "KMGTPE".indexOf(unit.toUpperCase(Locale.ROOT).charAt(0)) + 1;
        long f = 1;
        for (int i = 0; i < power; i++) {
            f *= base;
        }
        return f;
    }

    /** The largest binary unit that divides the size exactly: {@code 4GiB}, {@code 1536MiB}, {@code 12B}. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        int i = 0;
        long v = bytes;
        while (i < units.length - 1 && v != 0 && v % 1024 == 0) {
            v /= 1024;
            i++;
        }
        return v + units[i];
    }
}
