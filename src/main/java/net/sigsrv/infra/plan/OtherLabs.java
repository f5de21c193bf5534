package net.sigsrv.infra.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Objects of another lab. Several specs may share one daemon, each with its own {@code lab:} name; an object whose
 * ownership mark ({@link Ownership#KEY}) names another lab is that lab's, whatever this spec says — the built-in
 * {@code default} project, profiles and pool included once a lab has marked them. This lab's plan never changes
 * one silently: an update or replacement of it (or of one member's part of its network or pool) is kept in the plan
 * BLOCKED, naming the other lab and {@code infra adopt --from-lab OTHER}, which takes it on purpose; a delete of
 * this lab's own object that another lab's object names (its project, a profile, network, pool, ACL, zone or volume
 * it uses) is BLOCKED too, as the other lab still needs it. Deletes of another lab's objects are never planned at
 * all ({@link Differ} deletes only this lab's).
 *
 * <p>Only changes that do something are blocked; an object with no mark, or this lab's, is not touched here.
 */
public final class OtherLabs {

    private OtherLabs() {
    }

    /** The lab named by {@code r}'s ownership mark, when it has one. */
    public static Optional<String> markOf(Resource r) {
        String mark = r.field("config." + Ownership.KEY);
        return mark.isEmpty() ? Optional.empty() : Optional.of(mark);
    }

    /** The lab other than {@code lab} that {@code r}'s mark names, if any. */
    public static Optional<String> otherThan(Resource r, String lab) {
        return markOf(r).filter(m -> !m.equals(lab));
    }

    /**
     * {@code changes} with every change to another lab's object blocked, saying whose it is; other changes as they
     * are, in the same order. A change blocked for another reason keeps it, except the generic "not managed by
     * this lab": another lab's mark is the better answer.
     */
    static List<Change> block(List<Change> changes, Observed observed) {
        String lab = observed.lab();
        Map<Address, SortedSet<Address>> usedBy = usedByOtherLabs(observed.resources(), lab);
        List<Change> out = new ArrayList<>(changes.size());
        for (Change c : changes) {
            Optional<String> why = c.action().changesSomething() ? reason(c, observed, lab, usedBy)
                    : Optional.empty();
            boolean keep = why.isEmpty() || (c.isBlocked() && c.action() == Action.DELETE);
            out.add(keep ? c : new Change(c.address(), c.action(), c.before(), c.after(), c.fields(), why));
        }
        return out;
    }

    private static Optional<String> reason(Change c, Observed observed, String lab,
                                           Map<Address, SortedSet<Address>> usedBy) {
        Address a = c.address();
        if (c.action() == Action.DELETE) {
            SortedSet<Address> users = usedBy.get(a);
            return users == null ? Optional.empty() : Optional.of(neededBy(a, users, observed));
        }
        if (a.kind().isPerMember()) {
            Address global = Address.of(a.kind() == Kind.NETWORK_MEMBER ? Kind.NETWORK : Kind.POOL, a.name());
            return Optional.ofNullable(observed.resources().get(global)).flatMap(g -> otherThan(g, lab))
                    .map(other -> a + " is part of " + global + ", " + owner(other, lab) + ", and would be "
                            + verb(c.action()) + "; " + takeIt(other, global));
        }
        return c.before().flatMap(have -> otherThan(have, lab)).map(other -> a + " is " + owner(other, lab)
                + ", and would be " + verb(c.action()) + "; " + takeIt(other, a));
    }

    private static String owner(String other, String lab) {
        return "owned by lab '" + other + "' (" + Ownership.KEY + "), not by this lab '" + lab + "'";
    }

    private static String takeIt(String other, Address a) {
        return "run 'infra adopt --from-lab " + other + " SPEC " + a + "' to take it over on purpose, or rename it"
                + " in the spec";
    }

    private static String verb(Action action) {
        return switch (action) {
            case CREATE -> "created on that member";
            case REPLACE -> "replaced";
            default -> "updated";
        };
    }

    private static String neededBy(Address a, SortedSet<Address> users, Observed observed) {
        Map<String, List<String>> byLab = new TreeMap<>();
        for (Address u : users) {
            String other = markOf(observed.resources().get(u)).orElseThrow();
            byLab.computeIfAbsent(other, k -> new ArrayList<>()).add(u.toString());
        }
        String who = byLab.entrySet().stream().map(e -> String.join(", ", e.getValue()) + " of lab '" + e.getKey()
                + "'").collect(Collectors.joining("; "));
        return a + " is used by " + who + " and would be deleted; it stays while another lab's objects need it:"
                + " remove them from that lab's spec and apply it, then plan again";
    }

    /** Each observed object of this lab named by an object of another lab, with those objects. */
    private static Map<Address, SortedSet<Address>> usedByOtherLabs(Map<Address, Resource> observed, String lab) {
        Map<Address, SortedSet<Address>> out = new TreeMap<>();
        for (Resource r : observed.values()) {
            if (r.address().kind().isPerMember() || otherThan(r, lab).isEmpty()) {
                continue;
            }
            for (Address used : References.of(r, List.of())) {
                Resource u = observed.get(used);
                if (u != null && u.owned()) {
                    out.computeIfAbsent(used, k -> new TreeSet<>()).add(r.address());
                }
            }
        }
        return out;
    }
}
