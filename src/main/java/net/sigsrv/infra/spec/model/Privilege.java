package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one answer to "does this config give a container the host's power?", shared by spec validation, the guard
 * refusals of the ops commands (instance launch, config set, import) and the doctor, so that none of them reads a
 * boolean or the list of keys differently from the others or from the daemon.
 *
 * <p>{@code security.privileged} makes an instance privileged when the daemon reads its value as true: Incus and
 * LXD read {@code true}, {@code 1}, {@code yes} and {@code on} in any case ({@code shared/util.IsTrue}); this
 * parser also ignores surrounding blanks, which the daemon refuses for a boolean key: a guard must never read as
 * false what a more lenient daemon might one day read as true. The
 * <em>privileged-equivalent</em> keys weaken or bypass the container's confinement (its AppArmor profile, seccomp
 * filter, user namespace, or the host kernel itself) and can give the same power: {@link #RAW_KEYS} whenever set,
 * and every {@code security.syscalls.intercept.*} key when enabled (any value but empty or false: the boolean ones
 * and the list-valued {@code mount.allowed}/{@code mount.fuse} alike).
 *
 * <p>It lives in {@code spec} because validation needs it and {@code spec} may depend only on {@code diag};
 * {@code guard}, {@code ops} and {@code doctor} all may read {@code spec}'s model.
 */
public final class Privilege {

    /** The key that makes a container privileged. */
    public static final String PRIVILEGED = "security.privileged";

    /** Keys that are privileged-equivalent whenever they hold a value. */
    public static final List<String> RAW_KEYS = List.of("raw.lxc", "raw.idmap", "raw.apparmor", "raw.seccomp",
            "linux.kernel_modules");

    /** Keys under this prefix are privileged-equivalent when enabled. */
    public static final String INTERCEPT_PREFIX = "security.syscalls.intercept.";

    /** What the refusals and findings say these keys do. */
    public static final String WHY_EQUIVALENT = "raw.lxc, raw.idmap, raw.apparmor, raw.seccomp, linux.kernel_modules"
            + " and security.syscalls.intercept.* weaken or bypass the container's confinement and can give it the"
            + " host's root user";

    private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

    private Privilege() {
    }

    /** Whether the daemon reads {@code value} as true (null is not). */
    public static boolean isTrue(String value) {
        return value != null && TRUE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether the daemon reads {@code value} as false (null and empty are not: they mean "unset"). */
    public static boolean isFalse(String value) {
        return value != null && FALSE.contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /** Whether {@code key} is one of the privileged-equivalent keys (set or not). */
    public static boolean isEquivalentKey(String key) {
        return RAW_KEYS.contains(key) || key.startsWith(INTERCEPT_PREFIX);
    }

    /** Whether {@code key=value} makes an instance privileged or privileged-equivalent. */
    public static boolean grants(String key, String value) {
        if (key.equals(PRIVILEGED)) {
            return isTrue(value);
        }
        if (RAW_KEYS.contains(key)) {
            return value != null && !value.isBlank();
        }
        if (key.startsWith(INTERCEPT_PREFIX)) {
            return value != null && !value.isBlank() && !isFalse(value);
        }
        return false;
    }

    /** The keys of {@code config} that make an instance privileged or privileged-equivalent, sorted. */
    public static Set<String> keysIn(Map<String, String> config) {
        Set<String> out = new TreeSet<>();
        config.forEach((k, v) -> {
            if (grants(k, v)) {
                out.add(k);
            }
        });
        return out;
    }

    /** The rule that needs a reason for {@code key}: {@code privileged-without-reason} or its equivalent. */
    public static String ruleOf(String key) {
        return key.equals(PRIVILEGED) ? "privileged-without-reason" : "privileged-equivalent-without-reason";
    }

    /**
     * The keys the spec declares for {@code i} with a reason, which may therefore be set on it live: {@code
     * security.privileged} for {@code privileged: true}, and each such key of its own {@code config}. Empty when it
     * has no reason.
     */
    public static Set<String> declared(Instance i) {
        if (i.reason().filter(r -> !r.isBlank()).isEmpty()) {
            return Set.of();
        }
        Set<String> out = keysIn(i.settings().config());
        if (i.privileged()) {
            out.add(PRIVILEGED);
        }
        return out;
    }
}
