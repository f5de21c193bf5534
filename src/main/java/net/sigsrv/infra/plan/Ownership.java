package net.sigsrv.infra.plan;

/**
 * How the lab marks what it owns, with no state file: a config key naming the lab, set in the same request that
 * creates the object, and a description that says so to humans. Plans delete only objects with this lab's key.
 */
public final class Ownership {

    /** Config key naming the lab that owns an object. */
    public static final String KEY = "user.sigsrv-infra.lab";
    /** Config key recording the image an instance was created from (the API keeps no alias). */
    public static final String IMAGE_KEY = "user.sigsrv-infra.image";
    /**
     * Prefix of the lab locks' config keys on the {@code default} project ({@code apply.LabLock}), one per lab. They
     * are the lock's, not any spec's: never observed as fields, so never drift, never written back by an update and
     * never part of a saved plan's fingerprint (an apply holds its own lock while it plans; another lab's lock stays).
     */
    public static final String LOCK_PREFIX = "user.sigsrv-infra.lock.";
    /** Appended to every owned object's description. */
    public static final String MARK = "(managed by sigsrv-infra)";

    private Ownership() {
    }

    public static String describe(String description) {
        return description == null || description.isBlank() ? MARK : description.strip() + " " + MARK;
    }

    /** The description without the mark, as the user wrote it. */
    public static String strip(String description) {
        return description.replace(MARK, "").strip();
    }
}
