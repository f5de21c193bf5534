package net.sigsrv.infra.plan;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A computed plan: every change (NOOPs included, so renderers can count them), the warnings of planning, and the
 * fingerprint of what was observed, so a saved plan can refuse to apply to a lab that changed since.
 */
public record Plan(String lab, List<Change> changes, List<PlanWarning> warnings,
                   String observedFingerprint) {

    public Plan {
        changes = List.copyOf(changes);
        warnings = List.copyOf(warnings);
    }

    public List<Change> actionable() {
        return changes.stream().filter(c -> c.action().changesSomething()).toList();
    }

    public boolean hasChanges() {
        return changes.stream().anyMatch(c -> c.action().changesSomething() && !c.isBlocked());
    }

    public List<Change> blocked() {
        return changes.stream().filter(Change::isBlocked).toList();
    }

    /**
     * How many changes of each action will be made, in enum order. Blocked changes are not made, so they are
     * counted by {@link #blocked()} only: "1 to destroy" never means a protected object.
     */
    public Map<Action, Long> counts() {
        return changes.stream().filter(c -> !c.isBlocked())
                .collect(Collectors.groupingBy(Change::action, TreeMap::new, Collectors.counting()));
    }
}
