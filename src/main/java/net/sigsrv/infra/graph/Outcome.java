package net.sigsrv.infra.graph;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** How one node ended in a walk: it ran and succeeded, ran and failed, or never ran. */
public sealed interface Outcome<K> {

    K node();

    Status status();

    /** How long the step ran; zero for a skipped node. */
    Duration duration();

    record Succeeded<K>(K node, Duration duration) implements Outcome<K> {

        public Succeeded {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public Status status() {
            return Status.SUCCEEDED;
        }
    }

    /** The step threw {@code error}. Every failed node is a root error: failures never cascade into failures. */
    record Failed<K>(K node, Throwable error, Duration duration) implements Outcome<K> {

        public Failed {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(duration, "duration");
        }

        @Override
        public Status status() {
            return Status.FAILED;
        }
    }

    /**
     * The step never ran, for {@code reason}: "upstream failed: X" with {@code failedRoot} X, the failed node it
     * depends on (directly or transitively), or "cancelled" with no failed root.
     */
    record Skipped<K>(K node, String reason, Optional<K> failedRoot) implements Outcome<K> {

        public static final String CANCELLED = "cancelled";
        public static final String UPSTREAM_FAILED = "upstream failed: ";

        public Skipped {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(failedRoot, "failedRoot");
        }

        public static <K> Skipped<K> upstreamFailed(K node, K failedRoot) {
            return new Skipped<>(node, UPSTREAM_FAILED + failedRoot, Optional.of(failedRoot));
        }

        public static <K> Skipped<K> cancelled(K node) {
            return new Skipped<>(node, CANCELLED, Optional.empty());
        }

        @Override
        public Status status() {
            return Status.SKIPPED;
        }

        @Override
        public Duration duration() {
            return Duration.ZERO;
        }
    }
}
