package net.sigsrv.infra.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.plan.Ownership;

/**
 * The lab-wide lock: a config key on the {@code default} project, taken and released by compare-and-swap (the
 * project's ETag sent as If-Match), so of two applies started at once exactly one gets it. The value names the
 * holder and the time; {@code infra unlock} breaks a lock whose holder died.
 */
public final class LabLock implements AutoCloseable {

    /** Held by someone else: the message names the holder and since when. */
    public static final class Held extends RuntimeException {
        Held(String message) {
            super(message, null, false, false);
        }
    }

    /** The project that holds the lock key. */
    private static final String PROJECT = "default";
    /** A project's PUT is answered at once (no operation); the bound is for a daemon that would start one. */
    private static final Duration WRITE = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How long a written lock value must survive before it counts (see {@link #acquire}). */
    private static final Duration SETTLE = Duration.ofMillis(200);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IncusClient client;
    private final String key;
    private final String value;

    private LabLock(IncusClient client, String key, String value) {
        this.client = client;
        this.key = key;
        this.value = value;
    }

    public static String keyFor(String lab) {
        return Ownership.LOCK_PREFIX + lab;
    }

    /**
     * Takes the lock, waiting up to {@code patience} for a current holder to finish.
     *
     * <p>LXD checks If-Match and writes the project in two separate database transactions, so two PUTs sent at the
     * same moment can both pass the check, and the later write silently replaces the earlier one (seen on LXD 5.0.2:
     * two applies both "took" the lock). A successful PUT is therefore only a claim: after {@link #SETTLE} — far
     * longer than the daemon's check-to-write gap — the key is read again, and the lock is ours only if it still
     * holds our value (unique per acquisition). Otherwise someone else's write won: back to waiting.
     */
    public static LabLock acquire(IncusClient client, String lab, String holder, Duration patience) {
        String key = keyFor(lab);
        String value = holder + " since " + Instant.now() + " (lock "
                + HexFormat.of().toHexDigits(RANDOM.nextInt()) + ")";
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Tagged<JsonNode> project = client.projects().object(PROJECT).read();
            String current = project.value().path("config").path(key).asText("");
            if (current.isEmpty()) {
                ObjectNode body = ((ObjectNode) project.value()).deepCopy();
                ((ObjectNode) body.with("config")).put(key, value);
                try {
                    client.projects().object(PROJECT).replace(body, project.etag(), WRITE);
                } catch (IncusException e) {
                    if (e.kind() != IncusException.Kind.CHANGED) {
                        throw e;
                    }
                    continue; // someone changed the project between our read and write: read again
                }
                pause(SETTLE);
                if (holder(client, lab).filter(value::equals).isPresent()) {
                    return new LabLock(client, key, value);
                }
                continue; // a concurrent write replaced ours: whoever holds it now, we do not
            }
            if (System.nanoTime() > deadline) {
                throw new Held("the lab '" + lab + "' is locked by " + current + "; if that process is gone, run"
                        + " 'infra unlock' to break the lock");
            }
            pause(POLL);
        }
    }

    /** Who holds the lab's lock, if anyone. */
    public static Optional<String> holder(IncusClient client, String lab) {
        String v = client.projects().object(PROJECT).read().value().path("config")
                .path(keyFor(lab)).asText("");
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    /** Removes the lock whoever holds it; returns the holder it removed. */
    public static Optional<String> breakLock(IncusClient client, String lab) {
        return remove(client, keyFor(lab), null);
    }

    @Override
    public void close() {
        remove(client, key, value);
    }

    /** Removes {@code key} if it still has {@code expected} (any value when null), by compare-and-swap. */
    private static Optional<String> remove(IncusClient client, String key, String expected) {
        while (true) {
            Tagged<JsonNode> project = client.projects().object(PROJECT).read();
            String current = project.value().path("config").path(key).asText("");
            if (current.isEmpty() || (expected != null && !current.equals(expected))) {
                return Optional.empty();
            }
            ObjectNode body = ((ObjectNode) project.value()).deepCopy();
            ((ObjectNode) body.with("config")).remove(key);
            try {
                client.projects().object(PROJECT).replace(body, project.etag(), WRITE);
                return Optional.of(current);
            } catch (IncusException e) {
                if (e.kind() != IncusException.Kind.CHANGED) {
                    throw e;
                }
            }
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Held("interrupted while waiting for the lab lock");
        }
    }
}
