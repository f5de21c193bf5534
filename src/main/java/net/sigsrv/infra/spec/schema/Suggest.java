package net.sigsrv.infra.spec.schema;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean …?" — the closest known word within a small edit distance. */
public final class Suggest {

    private Suggest() {
    }

    public static Optional<String> closest(String word, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int allowed = Math.max(2, word.length() / 3);
        String w = word.toLowerCase();
        for (String candidate : known) {
            // the difference in length is a lower bound of the distance: a word far longer than every known one
            // (a 1 MB key) costs nothing, instead of a table of its length by theirs per candidate
            if (Math.abs(w.length() - candidate.length()) > allowed) {
                continue;
            }
            int d = distance(w, candidate.toLowerCase());
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= allowed ? Optional.of(best) : extended(word, known);
    }

    /**
     * A known word the typed one extends with a qualifier ({@code ipv4_cidr} → {@code ipv4}) or abbreviates
     * ({@code desc} → {@code description}, when only one word starts so). Too far apart for an edit distance,
     * but plainly meant.
     */
    private static Optional<String> extended(String word, Collection<String> known) {
        String w = word.toLowerCase();
        Optional<String> qualified = known.stream()
                .filter(k -> k.length() >= 3 && w.length() > k.length() && w.startsWith(k.toLowerCase())
                        && "-_.".indexOf(w.charAt(k.length())) >= 0)
                .max(Comparator.comparingInt(String::length));
        if (qualified.isPresent() || w.length() < 3) {
            return qualified;
        }
        var abbreviated = known.stream().filter(k -> k.toLowerCase().startsWith(w)).toList();
        return abbreviated.size() == 1 ? Optional.of(abbreviated.getFirst()) : Optional.empty();
    }

    /** " (did you mean 'x'?)" or the empty string. */
    public static String hint(String word, Collection<String> known) {
        return hint(closest(word, known));
    }

    /** " (did you mean 'x'?)" for a suggestion already found, or the empty string. */
    public static String hint(Optional<String> meant) {
        return meant.map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of two adjacent letters. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
