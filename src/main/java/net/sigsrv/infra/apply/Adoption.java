package net.sigsrv.infra.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.OtherLabs;
import net.sigsrv.infra.plan.Plan;

/**
 * Which objects {@code infra adopt} marks, from a plan made now: objects the spec names that exist in the lab but are
 * not this lab's. An unmarked object (made by hand) is adopted plainly; one that carries another lab's mark only with
 * {@code --from-lab} naming that lab, so that taking a lab's objects is always said out loud. With
 * {@code --from-lab}, only that lab's objects are adopted. Per-member parts carry no mark of their own: they follow
 * their network or pool.
 *
 * @param adopt     the changes whose observed object is to be marked, each with the mark it has now
 * @param refused   why named addresses cannot be adopted as asked, one line each; nothing is adopted when present
 * @param otherLabs objects left out because another lab owns them (no {@code --from-lab} and no address given)
 */
public record Adoption(List<Change> adopt, List<String> refused, List<Change> otherLabs) {

    /**
     * @param lab       this spec's lab
     * @param fromLab   the lab whose objects to take over ({@code --from-lab}), or empty for unmarked objects only
     * @param addresses the addresses asked for, or empty for every one that qualifies
     */
    public static Adoption select(Plan plan, String lab, Optional<String> fromLab, List<String> addresses) {
        List<String> refused = new ArrayList<>();
        if (fromLab.isPresent() && fromLab.get().equals(lab)) {
            refused.add("--from-lab " + lab + " names this spec's own lab; its objects are already managed");
            return new Adoption(List.of(), refused, List.of());
        }
        List<Change> candidates = plan.changes().stream()
                .filter(c -> c.before().isPresent() && c.after().isPresent() && !c.before().get().owned()
                        && !c.address().kind().isPerMember())
                .toList();
        List<Change> adopt = new ArrayList<>();
        List<Change> others = new ArrayList<>();
        for (Change c : candidates) {
            Optional<String> mark = OtherLabs.otherThan(c.before().get(), lab);
            boolean named = addresses.contains(c.address().toString());
            if (!addresses.isEmpty() && !named) {
                continue;
            }
            if (mark.equals(fromLab)) {
                adopt.add(c);
            } else if (named) {
                refused.add(mismatch(c, mark, fromLab));
            } else if (fromLab.isEmpty()) {
                others.add(c);
            }
        }
        List<String> unknown = addresses.stream()
                .filter(a -> candidates.stream().noneMatch(c -> c.address().toString().equals(a))).toList();
        if (!unknown.isEmpty()) {
            refused.add("not adoptable (not in the spec, not in the lab, or already owned): "
                    + String.join(", ", unknown));
        }
        return new Adoption(List.copyOf(adopt), List.copyOf(refused), List.copyOf(others));
    }

    private static String mismatch(Change c, Optional<String> mark, Optional<String> fromLab) {
        if (fromLab.isEmpty()) {
            return c.address() + " is owned by lab '" + mark.orElseThrow() + "'; 'infra adopt --from-lab "
                    + mark.get() + "' takes it over on purpose";
        }
        return c.address() + " is not marked by lab '" + fromLab.get() + "' (" + mark.map(m -> "it is marked by"
                + " lab '" + m + "'").orElse("it has no mark: adopt it without --from-lab") + ")";
    }

    /** "lab 'town': project.p1, network.br0" per lab, for the line about what was left out. */
    public String otherLabsByLab(String lab) {
        return otherLabs.stream().collect(Collectors.groupingBy(
                        c -> OtherLabs.otherThan(c.before().orElseThrow(), lab).orElseThrow(),
                        java.util.TreeMap::new, Collectors.mapping(c -> c.address().toString(),
                                Collectors.joining(", "))))
                .entrySet().stream().map(e -> "lab '" + e.getKey() + "': " + e.getValue())
                .collect(Collectors.joining("; "));
    }
}
