package net.sigsrv.infra.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Binds a saved plan to the spec and the lab: a plan made now from the same spec against the live lab must have
 * exactly the saved changes (same digest). When it does not, {@link #differences} names each change that differs
 * — so an edited file is refused with what was edited, and what is applied is always the plan made now, from the
 * spec's rules and the lab's protection, never what the file claims.
 */
public final class SavedPlanCheck {

    /** Differences listed before "and N more". */
    static final int SHOWN = 20;
    private static final int VALUE_CHARS = 60;

    private SavedPlanCheck() {
    }

    /** Whether the plan made now has exactly the saved changes. */
    public static boolean same(List<Change> saved, List<Change> now) {
        return PlanSeal.changesDigest(saved).equals(PlanSeal.changesDigest(now));
    }

    /**
     * One line per difference, by address: a change only in the file, one missing from it, another action, a
     * blocked change shown as allowed (or the reverse), and each field of the objects or of the update that
     * differs. Empty when the changes are the same.
     */
    public static List<String> differences(List<Change> saved, List<Change> now) {
        Map<Address, Change> file = byAddress(saved);
        Map<Address, Change> planned = byAddress(now);
        TreeSet<Address> all = new TreeSet<>(file.keySet());
        all.addAll(planned.keySet());
        List<String> out = new ArrayList<>();
        if (saved.size() != file.size()) {
            out.add("the file lists " + saved.size() + " changes for " + file.size() + " objects: an object appears"
                    + " twice");
        }
        for (Address a : all) {
            Change f = file.get(a);
            Change p = planned.get(a);
            if (p == null) {
                out.add(a + ": the file has a change (" + verb(f) + ") that a plan made now does not have");
            } else if (f == null) {
                out.add(a + ": missing from the file; a plan made now has it (" + verb(p) + ")");
            } else {
                compare(a, f, p, out);
            }
        }
        if (out.size() > SHOWN) {
            int more = out.size() - SHOWN;
            out.subList(SHOWN, out.size()).clear();
            out.add("and " + more + " more");
        }
        return out;
    }

    private static void compare(Address a, Change f, Change p, List<String> out) {
        if (f.action() != p.action()) {
            out.add(a + ": the file says " + f.action().verb() + ", a plan made now says " + p.action().verb());
        }
        if (!f.blocked().equals(p.blocked())) {
            out.add(a + ": " + (p.isBlocked() ? "BLOCKED now (" + p.blocked().get() + "), but not in the file"
                    : f.isBlocked() ? "BLOCKED in the file, but not now" : "its BLOCKED reason differs"));
        }
        fields(a, "before", f.before(), p.before(), out);
        fields(a, "after", f.after(), p.after(), out);
        if (!f.fields().equals(p.fields()) && f.action() == p.action()) {
            out.add(a + ": its list of changed fields differs from a plan made now");
        }
    }

    private static void fields(Address a, String side, Optional<Resource> file, Optional<Resource> now,
                               List<String> out) {
        if (file.isEmpty() || now.isEmpty()) {
            return; // an action that differs already says so
        }
        if (file.get().owned() != now.get().owned()) {
            out.add(a + ": " + side + " is " + (file.get().owned() ? "" : "not ") + "owned by this lab in the file");
        }
        TreeSet<String> keys = new TreeSet<>(file.get().fields().keySet());
        keys.addAll(now.get().fields().keySet());
        for (String k : keys) {
            String fv = file.get().fields().get(k);
            String nv = now.get().fields().get(k);
            if (!Objects.equals(fv, nv)) {
                // each value right after "KEY = ", the form the redaction layer masks for secret-named keys
                out.add(a + ": " + side + " " + k + (fv == null ? " is absent" : " = " + shown(fv)) + " in the file,"
                        + " but " + (nv == null ? "absent" : k + " = " + shown(nv)) + " now");
            }
        }
    }

    private static Map<Address, Change> byAddress(List<Change> changes) {
        Map<Address, Change> out = new TreeMap<>();
        changes.forEach(c -> out.put(c.address(), c));
        return out;
    }

    private static String verb(Change c) {
        return c.action().verb() + (c.isBlocked() ? ", BLOCKED" : "");
    }

    /** A value as quoted in a difference, cut to a readable length. */
    private static String shown(String v) {
        return v.length() <= VALUE_CHARS ? "\"" + v + "\""
                : "\"" + v.substring(0, VALUE_CHARS) + "…\" (" + v.length() + " characters)";
    }
}
