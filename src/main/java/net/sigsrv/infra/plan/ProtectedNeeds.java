package net.sigsrv.infra.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.sigsrv.infra.spec.model.Privilege;

/**
 * What protected instances keep. An instance is protected when the lab or the spec turns
 * {@code security.protection.delete} on. A protected instance stays whatever the plan says (its delete or
 * replacement is blocked by the {@link Differ}), and so does everything it needs as it will be after the plan: its
 * project, its profiles (its project's {@code default} profile included), the networks, pools, ACLs and zones they
 * and it name, the custom volumes it mounts, and what those need in turn ({@link References}, closed). A custom
 * volume holds data, so one the instance or one of its profiles mounts today is kept too even when the plan would
 * take it away: detaching it from a protected instance is an apply of its own before the volume may go.
 *
 * <p>Only deletes and replacements are blocked; an object the plan keeps anyway is never touched here.
 */
final class ProtectedNeeds {

    private final Map<Address, Change> changes = new LinkedHashMap<>();
    private final Map<Address, Resource> observed;
    /** Each needed object with the protected instances that need it. */
    private final Map<Address, SortedSet<Address>> neededBy = new TreeMap<>();

    private ProtectedNeeds(List<Change> changes, Map<Address, Resource> observed) {
        changes.forEach(c -> this.changes.put(c.address(), c));
        this.observed = observed;
    }

    /** Whether the lab (or the spec, as desired) turns {@code security.protection.delete} on, as Incus reads it. */
    static boolean isProtected(Resource r) {
        return Privilege.isTrue(r.field("config.security.protection.delete"));
    }

    /**
     * {@code changes} with every delete or replacement of what a protected instance needs blocked, saying which
     * instance needs it; other changes as they are, in the same order. {@code alsoProtected}: instances protected
     * whatever their config says (the spec's, for destroy).
     */
    static List<Change> block(List<Change> changes, Map<Address, Resource> observed, Set<Address> alsoProtected) {
        ProtectedNeeds needs = new ProtectedNeeds(changes, observed);
        needs.collect(alsoProtected);
        if (needs.neededBy.isEmpty()) {
            return changes;
        }
        List<Change> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            SortedSet<Address> keepers = needs.neededBy.get(c.address());
            boolean blocks = keepers != null && !c.isBlocked() && c.action().deletes();
            out.add(blocks ? new Change(c.address(), c.action(), c.before(), c.after(), c.fields(),
                    Optional.of(reason(c, keepers))) : c);
        }
        return out;
    }

    private static String reason(Change c, SortedSet<Address> keepers) {
        Address a = c.address();
        String who = "protected instance" + (keepers.size() == 1 ? " " : "s ")
                + keepers.stream().map(Address::toString).collect(Collectors.joining(", "));
        boolean replaced = c.action() == Action.REPLACE;
        if (a.kind() == Kind.VOLUME) {
            return a + " is mounted by " + who + " and would be " + (replaced ? "replaced (a replacement starts"
                    + " empty)" : "deleted") + "; if you mean it, first apply a spec in which no protected instance"
                    + " mounts it, then plan again";
        }
        return a + " is needed by " + who + ", which " + (keepers.size() == 1 ? "stays" : "stay") + ", and would be "
                + (replaced ? "replaced" : "deleted") + "; if you mean it, first apply a spec in which no protected"
                + " instance needs it, then plan again";
    }

    private void collect(Set<Address> alsoProtected) {
        SortedSet<Address> instances = new TreeSet<>();
        changes.keySet().stream().filter(a -> a.kind() == Kind.INSTANCE).forEach(instances::add);
        observed.keySet().stream().filter(a -> a.kind() == Kind.INSTANCE).forEach(instances::add);
        for (Address i : instances) {
            if (alsoProtected.contains(i) || states(i).stream().anyMatch(ProtectedNeeds::isProtected)) {
                new Walk(i).full(i);
            }
        }
    }

    /** The closure from one protected instance; each object is visited once per mode. */
    private final class Walk {
        private final Address keeper;
        private final Set<Address> full = new HashSet<>();
        private final Set<Address> volumes = new HashSet<>();

        Walk(Address keeper) {
            this.keeper = keeper;
        }

        /** {@code a} stays with all it needs after the plan, and the volumes its other state mounts. */
        void full(Address a) {
            if (!full.add(a)) {
                return;
            }
            if (!a.equals(keeper)) {
                neededBy.computeIfAbsent(a, k -> new TreeSet<>()).add(keeper);
            }
            List<Resource> states = states(a);
            for (int n = 0; n < states.size(); n++) {
                for (Address r : references(states.get(n))) {
                    if (n == 0) {
                        full(r);
                    } else {
                        volumes(r);
                    }
                }
            }
        }

        /** The custom volumes {@code a} mounts, in any of its states, directly or through profiles. */
        void volumes(Address a) {
            if (a.kind() == Kind.VOLUME) {
                full(a);
            } else if (a.kind() == Kind.PROFILE && volumes.add(a)) {
                states(a).forEach(s -> references(s).forEach(this::volumes));
            }
        }
    }

    /**
     * The states of {@code a}: first the one it has after the plan (what it had when the plan deletes it or does
     * not change it; a protected instance's new version when its replacement goes ahead), then the other one.
     * A needed object the plan deletes or replaces will be blocked, so it stays as it is.
     */
    private List<Resource> states(Address a) {
        Change c = changes.get(a);
        if (c == null) {
            return Optional.ofNullable(observed.get(a)).map(List::of).orElse(List.of());
        }
        boolean stays = c.isBlocked() || c.action() == Action.DELETE
                || (c.action() == Action.REPLACE && a.kind() != Kind.INSTANCE);
        List<Resource> out = new ArrayList<>(2);
        (stays ? c.before() : c.after()).ifPresent(out::add);
        (stays ? c.after() : c.before()).ifPresent(out::add);
        return out;
    }

    /**
     * What {@code r} names, with profiles and volumes of a project that has none of its own found in the
     * {@code default} project, where the daemon keeps them. Per-member parts are never deleted alone, so they are
     * left out.
     */
    private List<Address> references(Resource r) {
        List<Address> out = new ArrayList<>();
        for (Address a : References.of(r, List.of())) {
            boolean shared = (a.kind() == Kind.PROFILE || a.kind() == Kind.VOLUME) && !a.scope().equals("default")
                    && !known(a);
            Address inDefault = new Address(a.kind(), "default", a.pool(), a.name(), a.member());
            out.add(shared && known(inDefault) ? inDefault : a);
        }
        return out;
    }

    private boolean known(Address a) {
        return changes.containsKey(a) || observed.containsKey(a);
    }
}
