package net.sigsrv.infra.guard;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rule for privileged instances: an instance may run with {@code security.privileged=true} only when the spec
 * declares that very instance {@code privileged: true} with a {@code reason:}. Pure: the caller lists what the spec
 * allows and asks before it launches an instance or sets the key.
 *
 * @param specFile how the spec is named in messages, or "" when there is no spec
 */
public record PrivilegedRule(List<Allowed> allowed, String specFile) {

    /** The rule as quoted in every refusal. */
    public static final String RULE = "privileged-without-reason: a privileged instance shares the host's root"
            + " user, so it must be declared in the spec with `privileged: true` and a `reason:`";

    /** One instance the spec allows to be privileged, and why. */
    public record Allowed(String project, String instance, String reason) {
    }

    public PrivilegedRule {
        allowed = List.copyOf(allowed);
    }

    public static PrivilegedRule none() {
        return new PrivilegedRule(List.of(), "");
    }

    /** Whether {@code config} asks for a privileged instance. */
    public static boolean asksPrivileged(Map<String, String> config) {
        return "true".equalsIgnoreCase(String.valueOf(config.get("security.privileged")).strip());
    }

    public Optional<Allowed> allowance(String project, String instance) {
        return allowed.stream().filter(a -> a.project().equals(project) && a.instance().equals(instance))
                .findFirst();
    }

    /**
     * Why making {@code project/instance} privileged is refused, or empty when the spec allows it (or
     * {@code config} does not ask for it).
     */
    public Optional<String> refusal(String project, String instance, Map<String, String> config) {
        if (!asksPrivileged(config) || allowance(project, instance).isPresent()) {
            return Optional.empty();
        }
        String spec = specFile.isEmpty() ? "no spec was given (--spec FILE, INFRA_SPEC or ./infra.yaml)"
                : specFile + " does not allow it";
        return Optional.of("refused: instance " + instance + " in project " + project + " would be privileged"
                + " (security.privileged=true) and " + spec + ". Rule " + RULE + ". Nothing was changed. Declare"
                + " the instance in the spec with `privileged: true` and `reason: …`, then try again.");
    }
}
