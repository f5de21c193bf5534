package net.sigsrv.infra.spec.model;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which daemon config keys a free-form {@code config:} map of the spec may not hold, in one place. The planner
 * ({@code plan.Desired}) writes an object's {@code config:} after the keys it derives from the spec's own keys, so
 * a modelled key written there would silently win over the value the rules checked ({@code protect: true} beside
 * {@code security.protection.delete: false}, a bridge address that contradicts {@code ipv4:}, cpu past a project
 * limit). The modelled keys below are read off {@code plan.Desired}; {@code ConfigKeysTest} builds the desired state
 * of the examples and holds the two equal. {@code security.privileged} is not here: it may be set in
 * {@code config:} with a {@code reason:}, and {@code privileged-without-reason} decides about it.
 */
public final class ConfigKeys {

    /** The kinds of object with a {@code config:} map; a project's {@code default-profile} is a profile. */
    public enum Owner { NETWORK, POOL, INSTANCE, PROFILE }

    /**
     * A key namespace no spec may set.
     *
     * @param prefix the namespace, e.g. {@code user.sigsrv-infra.}
     * @param what   what the namespace is, after "config key K is …"
     * @param why    what would go wrong, for the diagnostic's detail
     */
    public record Reserved(String prefix, String what, String why) {
    }

    private static final String PROTECT = "security.protection.delete";
    private static final Map<String, String> SETTINGS = Map.of(
            "limits.cpu", "`cpu:`",
            "limits.memory", "`memory:`",
            "snapshots.schedule", "`snapshots.schedule:`",
            "snapshots.expiry", "`snapshots.expiry:`",
            "snapshots.pattern", "`snapshots.pattern:`");

    /** Config key → the spec key that sets it, as a message names it ("is set by …"). */
    private static final Map<Owner, Map<String, String>> MODELLED = Map.of(
            Owner.NETWORK, Map.of(
                    "ipv4.address", "`ipv4:`",
                    "ipv4.nat", "`nat:`",
                    "ipv6.address", "the spec (its bridges are IPv4-only)",
                    "bridge.mtu", "`mtu:`",
                    "bridge.external_interfaces", "`interface:`",
                    "dns.domain", "`zone:`",
                    "dns.zone.forward", "`zone:`",
                    "security.acls", "`acls:`"),
            Owner.POOL, Map.of(
                    "source", "`source:`",
                    "size", "`size:`"),
            Owner.INSTANCE, with(SETTINGS, PROTECT, "`protect:`"),
            Owner.PROFILE, with(SETTINGS, PROTECT, "`protect:` of each instance"));

    private static final List<Reserved> RESERVED = List.of(
            new Reserved("user.sigsrv-infra.", "reserved for infra's own marks (user.sigsrv-infra.*)",
                    "infra writes these keys itself: the lab that owns an object, the image an instance was made"
                    + " from, the lab lock. Set by a spec they would hand this object to another lab, or take"
                    + " another lab's."),
            new Reserved("volatile.", "the daemon's own state (volatile.*)",
                    "The daemon writes volatile.* keys as it runs and plans never compare them, so a value here"
                    + " would be written on every apply and never kept. A NIC's MAC address is its `hwaddr:`."));

    private ConfigKeys() {
    }

    /** The spec key that sets {@code key} on an object of this kind (as messages name it), if the spec models it. */
    public static Optional<String> modelledBy(Owner owner, String key) {
        return Optional.ofNullable(MODELLED.get(owner).get(normal(key)));
    }

    /** The reserved namespace {@code key} falls in, if any (whatever the object). */
    public static Optional<Reserved> reserved(String key) {
        String k = normal(key);
        return RESERVED.stream().filter(r -> k.startsWith(r.prefix())).findFirst();
    }

    /** Every modelled key of this kind of object. */
    public static List<String> modelled(Owner owner) {
        return MODELLED.get(owner).keySet().stream().sorted().toList();
    }

    /** Compared trimmed and in any case: a near-miss spelling of a refused key is refused too, not passed on. */
    private static String normal(String key) {
        return key.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String specKey) {
        Map<String, String> out = new HashMap<>(base);
        out.put(key, specKey);
        return Map.copyOf(out);
    }
}
