package net.sigsrv.infra.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.sigsrv.infra.spec.model.Privilege;

/**
 * The rule for privileged and privileged-equivalent instances: an instance may run with {@code
 * security.privileged} true (in any spelling the daemon reads as true) only when the spec declares that very instance
 * {@code privileged: true} with a {@code reason:}; it may carry a privileged-equivalent key ({@code raw.lxc}, {@code
 * raw.idmap}, … see {@link Privilege}) only when the spec declares that key in the instance's {@code config:} with a
 * {@code reason:}. Keys that come from the instance's profiles count as the instance's own. Pure: the caller lists
 * what the spec allows and what the instance's config would be, and asks before it launches, sets or imports.
 *
 * @param specFile how the spec is named in messages, or "" when there is no spec
 */
public record PrivilegedRule(List<Allowed> allowed, String specFile) {

    /** The rule as quoted in every refusal of {@code security.privileged}. */
    public static final String RULE = "privileged-without-reason: a privileged instance shares the host's root"
            + " user, so it must be declared in the spec with `privileged: true` and a `reason:`";

    /** The rule as quoted in every refusal of a privileged-equivalent key. */
    public static final String EQUIVALENT_RULE = "privileged-equivalent-without-reason: " + Privilege.WHY_EQUIVALENT
            + ", so an instance may set them only when the spec declares them in its `config:` with a `reason:`";

    /** One instance the spec allows to be privileged or privileged-equivalent through {@code keys}, and why. */
    public record Allowed(String project, String instance, String reason, Set<String> keys) {
        public Allowed {
            keys = Set.copyOf(keys);
        }
    }

    /** Config that ends up on the instance, and where it comes from: "" for its own, else e.g. "profile raw". */
    public record Source(String from, Map<String, String> config) {
    }

    /** A key that would make the instance privileged or privileged-equivalent, with its value and source. */
    public record Grant(String key, String value, String from) {
        String shown() {
            String v = key.equals(Privilege.PRIVILEGED) ? key + "=" + value : key;
            return from.isEmpty() ? v : v + " from " + from;
        }
    }

    public PrivilegedRule {
        allowed = List.copyOf(allowed);
    }

    public static PrivilegedRule none() {
        return new PrivilegedRule(List.of(), "");
    }

    /**
     * The grants of {@code sources} expanded as the daemon expands an instance's config: each source overrides the
     * ones before it (profiles in order, then the instance's own config), so a key set by a profile and unset or
     * turned off by a later source does not count. Sorted by key, so messages do not depend on map order.
     */
    public static List<Grant> grants(List<Source> sources) {
        Map<String, Grant> expanded = new LinkedHashMap<>();
        for (Source s : sources) {
            s.config().forEach((k, v) -> expanded.put(k, new Grant(k, v, s.from())));
        }
        return expanded.values().stream().filter(g -> Privilege.grants(g.key(), g.value()))
                .sorted(Comparator.comparing(Grant::key)).toList();
    }

    public Optional<Allowed> allowance(String project, String instance) {
        return allowed.stream().filter(a -> a.project().equals(project) && a.instance().equals(instance))
                .findFirst();
    }

    /**
     * Why giving {@code project/instance} its own {@code config} is refused, or empty when the spec allows every
     * privileged or privileged-equivalent key in it (or there is none).
     */
    public Optional<String> refusal(String project, String instance, Map<String, String> config) {
        return refusal(project, instance, grants(List.of(new Source("", config))));
    }

    /** Why {@code grants} on {@code project/instance} are refused, or empty when the spec allows each one. */
    public Optional<String> refusal(String project, String instance, List<Grant> grants) {
        Set<String> keys = allowance(project, instance).map(Allowed::keys).orElse(Set.of());
        List<Grant> refused = grants.stream().filter(g -> !keys.contains(g.key())).toList();
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        boolean privileged = refused.stream().anyMatch(g -> g.key().equals(Privilege.PRIVILEGED));
        List<String> equivalent = refused.stream().map(Grant::key).filter(k -> !k.equals(Privilege.PRIVILEGED))
                .toList();
        String spec = specFile.isEmpty() ? "no spec was given (--spec FILE, INFRA_SPEC or ./infra.yaml)"
                : specFile + " does not allow it";
        List<String> rules = new ArrayList<>();
        List<String> declare = new ArrayList<>();
        if (privileged) {
            rules.add(RULE);
            declare.add("`privileged: true`");
        }
        if (!equivalent.isEmpty()) {
            rules.add(EQUIVALENT_RULE);
            declare.add("`config: {" + String.join(": …, ", equivalent) + ": …}`");
        }
        return Optional.of("refused: instance " + instance + " in project " + project + " would be "
                + (privileged ? "privileged" : "privileged-equivalent") + " (" + String.join(", ",
                refused.stream().map(Grant::shown).toList()) + ") and " + spec + ". Rule " + String.join("; rule ",
                rules) + ". Nothing was changed. Declare the instance in the spec with " + String.join(" and ",
                declare) + " and `reason: …`, then try again.");
    }
}
