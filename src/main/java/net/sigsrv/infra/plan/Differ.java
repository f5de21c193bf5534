package net.sigsrv.infra.plan;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import net.sigsrv.infra.diag.Futures;

/**
 * Spec × lab → plan, as a small total decision per object (STYLE 7): absent → create; differs → update, or replace
 * when a field that cannot change in place differs (the change says which); same → nothing; owned by this lab but
 * no longer in the spec → delete. Objects of another owner are never touched (another lab's: {@link OtherLabs});
 * protected instances and what they need ({@link ProtectedNeeds}: the volumes they mount, their profiles, networks,
 * pools, project), built-ins and one member's part of a network or pool are never deleted or replaced (the change is
 * kept, marked blocked, so the user sees it).
 */
public final class Differ {

    private Differ() {
    }

    public static Plan diff(Map<Address, Resource> desired, Observed observed, List<PlanWarning> warnings) {
        return diff(desired, observed, warnings, Set.of());
    }

    /**
     * The plan, where the instances {@code specProtected} names are protected whatever the lab says: what
     * {@code infra destroy} plans with (nothing is desired there, so the spec's {@code protect: true} would not be
     * seen otherwise, and the lab's key may have been turned off by hand).
     */
    public static Plan diff(Map<Address, Resource> desired, Observed observed, List<PlanWarning> warnings,
                            Set<Address> specProtected) {
        List<Change> deletes = new ArrayList<>();
        for (Resource have : observed.resources().values()) {
            Address a = have.address();
            if (!desired.containsKey(a) && have.owned() && !a.kind().isPerMember() && !isBuiltIn(a)) {
                Optional<String> blocked = protection(have, "deleted").or(() -> specProtected.contains(a)
                        ? Optional.of(a + " is protected by the spec (protect: true) and would be deleted; if you"
                        + " mean it, first apply a spec that keeps it without 'protect: true', then plan again")
                        : Optional.empty());
                deletes.add(new Change(a, Action.DELETE, Optional.of(have), Optional.empty(), List.of(), blocked));
            }
        }
        // the plan's objects are known before they are compared: their fingerprint (a hash over every observed
        // field, the longest step for a large lab) is taken on another core meanwhile; both only read
        List<Address> addresses = new ArrayList<>(desired.keySet());
        deletes.forEach(d -> addresses.add(d.address()));
        FutureTask<String> fingerprint = new FutureTask<>(() -> observed.fingerprint(addresses));
        Thread.ofPlatform().daemon().name("plan-fingerprint").start(fingerprint);
        List<Change> changes = new ArrayList<>();
        for (Resource want : new TreeMap<>(desired).values()) {
            Resource have = observed.resources().get(want.address());
            changes.add(have == null ? create(want) : compare(want, have));
        }
        changes.addAll(deletes);
        List<Change> guarded = ProtectedNeeds.block(OtherLabs.block(changes, observed), observed.resources(),
                specProtected);
        return new Plan(observed.lab(), guarded, warnings, joined(fingerprint));
    }

    private static String joined(FutureTask<String> fingerprint) {
        return Futures.join(fingerprint, "fingerprinting the observed lab");
    }

    private static Change create(Resource want) {
        return new Change(want.address(), Action.CREATE, Optional.empty(), Optional.of(want), List.of(),
                Optional.empty());
    }

    private static Change compare(Resource want, Resource have) {
        Address a = want.address();
        List<FieldChange> fields = fieldChanges(want, have);
        if (fields.isEmpty()) {
            return new Change(a, Action.NOOP, Optional.of(have), Optional.of(want), List.of(), Optional.empty());
        }
        Optional<String> blocked = Optional.empty();
        if (!have.owned() && !isBuiltIn(a)) {
            blocked = Optional.of(a + " exists but is not managed by this lab; run 'infra adopt " + a
                    + "' to take it over, or rename it in the spec");
        }
        boolean replace = fields.stream().anyMatch(FieldChange::forcesReplacement);
        if (replace && blocked.isEmpty()) {
            blocked = unreplaceable(a).or(() -> protection(have, "replaced"));
        }
        return new Change(a, replace ? Action.REPLACE : Action.UPDATE, Optional.of(have), Optional.of(want), fields,
                blocked);
    }

    /**
     * The fields that differ, in key order: everything the spec declares, plus config and devices the lab has on
     * top. Both field maps are sorted, so one merge walk over them visits every key once.
     */
    static List<FieldChange> fieldChanges(Resource want, Resource have) {
        Kind kind = want.address().kind();
        Iterator<Map.Entry<String, String>> wi = want.fields().entrySet().iterator();
        Iterator<Map.Entry<String, String>> hi = have.fields().entrySet().iterator();
        Map.Entry<String, String> w = next(wi);
        Map.Entry<String, String> h = next(hi);
        List<FieldChange> out = new ArrayList<>();
        while (w != null || h != null) {
            int c = w == null ? 1 : h == null ? -1 : w.getKey().compareTo(h.getKey());
            String k = c <= 0 ? w.getKey() : h.getKey();
            String after = c <= 0 ? w.getValue() : null;
            String before = c >= 0 ? h.getValue() : null;
            boolean counts = c <= 0 || (!kind.isPerMember() && managedNamespace(k)
                    && !ServerKeys.ignoredWhenUndeclared(kind, k));
            if (c <= 0) {
                w = next(wi);
            }
            if (c >= 0) {
                h = next(hi);
            }
            if (counts && !same(before, after)) {
                out.add(new FieldChange(k, before, after, forcesReplacement(kind, k, before)));
            }
        }
        missingBridge(want, have).ifPresent(f -> out.add(0, f)); // "bridge" sorts before "config.…"
        return out;
    }

    /**
     * A member's bridge device that is gone while the network is Created ({@link Observed#bridgeMissing}) is a
     * difference of its own: no spec field says "the bridge exists", it is what declaring the network means. The
     * change is made in place (the daemon sets the bridge up again), never by a replacement.
     */
    private static Optional<FieldChange> missingBridge(Resource want, Resource have) {
        if (want.address().kind() != Kind.NETWORK_MEMBER || want.has(Observed.BRIDGE)
                || !Observed.BRIDGE_MISSING.equals(have.field(Observed.BRIDGE))) {
            return Optional.empty();
        }
        return Optional.of(new FieldChange(Observed.BRIDGE, Observed.BRIDGE_MISSING, "present", false));
    }

    private static Map.Entry<String, String> next(Iterator<Map.Entry<String, String>> i) {
        return i.hasNext() ? i.next() : null;
    }

    /** Keys the lab may have on top of what the spec declares, which then count as drift. */
    private static boolean managedNamespace(String k) {
        return k.startsWith("config.") || k.startsWith("devices.") || k.startsWith("ingress.")
                || k.startsWith("egress.") || k.startsWith("entries.");
    }

    /**
     * Whether a field's change forces a replacement. The image key only records what an instance was made from:
     * an instance without it (made by hand, then adopted) is not known to run another image, so the key is written
     * in place.
     */
    private static boolean forcesReplacement(Kind kind, String field, String before) {
        return kind.forcesReplacement(field) && !(before == null && field.equals("config." + Ownership.IMAGE_KEY));
    }

    private static boolean same(String before, String after) {
        return before == null ? after == null || after.isEmpty() : before.equals(after)
                || (after == null && before.isEmpty());
    }

    /**
     * What every Incus install has from the start: the {@code default} project, each project's {@code default}
     * profile, and the {@code default} pool that {@code incus admin init} makes. They are managed (updated, and
     * marked as owned) without {@code infra adopt}, and never deleted.
     */
    static boolean isBuiltIn(Address a) {
        return a.name().equals("default")
                && (a.kind() == Kind.PROJECT || a.kind() == Kind.PROFILE || a.kind() == Kind.POOL);
    }

    /**
     * Objects a replacement must not touch: a built-in is never deleted, and one member's part of a network or pool
     * cannot be deleted alone — deleting it deletes the object on every member.
     */
    private static Optional<String> unreplaceable(Address a) {
        if (isBuiltIn(a)) {
            return Optional.of(a + " is built in and is never deleted, so it cannot be replaced; change the spec"
                    + " to match it, or use another name");
        }
        if (a.kind().isPerMember()) {
            return Optional.of(a + " cannot change in place, and replacing it would delete " + a.kind().label()
                    + " " + a.name() + " on every member; remove " + a.name() + " from the spec and apply, then"
                    + " add it back");
        }
        return Optional.empty();
    }

    /**
     * Why a protected object is not deleted or replaced, and the way out: the protection is the lab's key, so it
     * must go in an apply of its own before a plan may delete the object.
     */
    private static Optional<String> protection(Resource have, String what) {
        if (!ProtectedNeeds.isProtected(have)) {
            return Optional.empty();
        }
        String first = what.equals("deleted") ? "first apply a spec that keeps it without 'protect: true'"
                : "first apply a spec that keeps it as it is without 'protect: true'";
        return Optional.of(have.address() + " is protected (security.protection.delete="
                + have.field("config.security.protection.delete") + ") and would be " + what
                + "; if you mean it, " + first + ", then plan again");
    }
}
