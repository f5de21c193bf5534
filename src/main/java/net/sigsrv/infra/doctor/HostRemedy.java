package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a remedy's host commands for one member from checked values. Each value goes through its check
 * ({@link HostValues}) on its way into an argument list; when any fails, or a finished command could not be shown
 * as it runs ({@link HostCommand#whyNotRunnable()}), the remedy is refused: it keeps its sentence, says why it
 * cannot be automated and what to check by hand, and has no command, so {@code --fix} runs nothing for it.
 */
final class HostRemedy {

    private final String member;
    private final Set<String> problems = new LinkedHashSet<>();
    private final List<List<String>> commands = new ArrayList<>();

    private HostRemedy(String member, Collection<String> members) {
        this.member = member;
        HostValues.member(member, members).ifPresent(problems::add);
    }

    /** Commands for {@code member}, which must be one of {@code members}. */
    static HostRemedy on(String member, Collection<String> members) {
        return new HostRemedy(member, members);
    }

    /** {@code name} as an interface-name argument. */
    String iface(String name) {
        return check(name, HostValues.iface(name));
    }

    /** {@code name} as a bridge-name argument. */
    String bridge(String name) {
        return check(name, HostValues.bridge(name));
    }

    /** {@code mtu} as an MTU argument. */
    String mtu(String mtu) {
        return check(mtu, HostValues.mtu(mtu));
    }

    /** {@code address/netmask} as a CIDR argument. */
    String cidr(String address, String netmask) {
        HostValues.Checked c = HostValues.cidr(address, netmask);
        if (!c.ok()) {
            problems.add(c.problem());
        }
        return c.value();
    }

    /** Adds a command; its arguments are literals or values returned by the checks above. */
    HostRemedy run(String... argv) {
        commands.add(List.of(argv));
        return this;
    }

    /**
     * The remedy: {@code text} and the commands, or the reason it is refused, what to check, then {@code text}, and
     * no command.
     * {@code byHand} says what to look at on the host instead.
     */
    Remedy remedy(String text, String byHand) {
        List<HostCommand> built = commands.stream().map(argv -> new HostCommand(member, argv)).toList();
        if (problems.isEmpty()) {
            built.forEach(c -> c.whyNotRunnable().ifPresent(problems::add));
        }
        if (problems.isEmpty()) {
            return new Remedy(text, built);
        }
        // the reason first: a value that looks like a secret is masked on output with the words that follow it
        String why = String.join("; ", problems);
        return Remedy.refused("Not automated (--fix runs nothing for it): " + why + ". Check by hand on "
                + HostValues.visible(member) + ": " + byHand + " The remedy: " + text, why);
    }

    private String check(String value, Optional<String> problem) {
        problem.ifPresent(problems::add);
        return value == null ? "" : value;
    }
}
