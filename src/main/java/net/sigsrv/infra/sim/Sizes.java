package net.sigsrv.infra.sim;

/** Sizes the Incus way ({@code 4GiB}, {@code 512MB}, {@code 100GB}) or plain bytes; anything else counts as 0. */
final class Sizes {

    private Sizes() {
    }

    static long parse(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        String t = s.trim();
        int i = 0;
        while (i < t.length() && (Character.isDigit(t.charAt(i)) || t.charAt(i) == '.')) {
            i++;
        }
        try {
            double n = Double.parseDouble(t.substring(0, i));
            String unit = t.substring(i).trim();
            long mult = switch (unit) {
                case "", "B" -> 1L;
                case "kB", "KB" -> 1000L;
                case "MB" -> 1000L * 1000;
                case "GB" -> 1000L * 1000 * 1000;
                case "TB" -> 1000L * 1000 * 1000 * 1000;
                case "KiB" -> 1L << 10;
                case "MiB" -> 1L << 20;
                case "GiB" -> 1L << 30;
                case "TiB" -> 1L << 40;
                case "PiB" -> 1L << 50;
                default -> 0L;
            };
            return (long) (n * mult);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
