package net.sigsrv.infra.diag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An append-only collection of diagnostics. Stages add every problem they find and carry on; callers decide what
 * to do with the result. Not thread-safe: one stage, one collector.
 */
public final class Diagnostics implements Iterable<Diagnostic> {

    /**
     * At most this many diagnostics are shown; the rest are only counted ("and N more"). A file full of mistakes
     * (a 1 MB spec can hold 50,000) is fixed from the top, and nobody reads the thousandth.
     */
    public static final int MAX_SHOWN = 1_000;

    private final List<Diagnostic> items = new ArrayList<>();

    public Diagnostics add(Diagnostic diagnostic) {
        items.add(diagnostic);
        return this;
    }

    public Diagnostics addAll(Iterable<Diagnostic> more) {
        more.forEach(items::add);
        return this;
    }

    public Diagnostic error(String rule, SourcePos pos, String summary) {
        Diagnostic d = Diagnostic.error(rule, pos, summary);
        items.add(d);
        return d;
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public long errorCount() {
        return items.stream().filter(Diagnostic::isError).count();
    }

    public long warningCount() {
        return items.size() - errorCount();
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    /** The diagnostics in source order (file, line, column), then by rule, so output is stable. */
    public List<Diagnostic> sorted() {
        return items.stream()
                .sorted(Comparator.comparing(Diagnostic::pos).thenComparing(Diagnostic::rule)
                        .thenComparing(Diagnostic::summary))
                .distinct()
                .toList();
    }

    /** The first {@link #MAX_SHOWN} of {@link #sorted()}, and how many more there are. */
    public Shown shown() {
        List<Diagnostic> all = sorted();
        return all.size() <= MAX_SHOWN ? new Shown(all, 0)
                : new Shown(List.copyOf(all.subList(0, MAX_SHOWN)), all.size() - MAX_SHOWN);
    }

    /** What a renderer shows: {@code items} in order, then "and {@code more} more" when {@code more > 0}. */
    public record Shown(List<Diagnostic> items, int more) {
        public Shown {
            items = List.copyOf(items);
        }
    }

    /** A copy with each diagnostic passed through {@code f} (e.g. warnings promoted to errors). */
    public Diagnostics map(UnaryOperator<Diagnostic> f) {
        Diagnostics out = new Diagnostics();
        items.forEach(d -> out.add(f.apply(d)));
        return out;
    }

    @Override
    public Iterator<Diagnostic> iterator() {
        return List.copyOf(items).iterator();
    }
}
