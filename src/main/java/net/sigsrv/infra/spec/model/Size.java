package net.sigsrv.infra.spec.model;

import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes written the Incus way: {@code 4GiB}, {@code 100GiB}, {@code 512MB}, or a plain number of bytes. */
public final class Size {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|[kKMGTPE]i?B)?");

    private Size() {
    }

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
