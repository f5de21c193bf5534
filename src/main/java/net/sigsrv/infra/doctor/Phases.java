package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each step of one doctor run began and ended, in milliseconds from the run's start, for the JSON summary
 * ({@code phases_ms}): where a slow run spends its time. Steps overlap (probes boot while the lab is read), so they
 * are spans, not a sum. Thread-safe; a step named twice (one per probe) keeps every span under {@code name#n}.
 */
final class Phases {

    private final long start = System.nanoTime();
    private final Map<String, long[]> spans = new LinkedHashMap<>();

    /** A step in progress; {@link #close} ends it. */
    final class Span implements AutoCloseable {
        private final long[] span;

        private Span(long[] span) {
            this.span = span;
        }

        @Override
        public void close() {
            synchronized (Phases.this) {
                span[1] = now();
            }
        }
    }

    /** Starts the step {@code name}. */
    synchronized Span begin(String name) {
        String key = name;
        for (int n = 2; spans.containsKey(key); n++) {
            key = name + "#" + n;
        }
        long[] span = {now(), -1};
        spans.put(key, span);
        return new Span(span);
    }

    /** Per step, {@code [began, ended]} in ms from the run's start ({@code ended} is -1 for a step never ended). */
    synchronized Map<String, List<Long>> spans() {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        spans.forEach((k, v) -> out.put(k, new ArrayList<>(List.of(v[0], v[1]))));
        return out;
    }

    private long now() {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
