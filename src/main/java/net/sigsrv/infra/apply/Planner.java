package net.sigsrv.infra.apply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Desired;
import net.sigsrv.infra.plan.Differ;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Observed;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Spec;

/** Observe the lab, build the desired state, diff: the one entry point behind {@code infra plan} and apply. */
public final class Planner {

    /** A plan with what it was computed from, and how many API calls and how much time observing took. */
    public record Planned(Plan plan, Observed observed, Map<Address, Resource> desired, int apiCalls,
                          Duration observing) {
    }

    /** Spec hosts that are not members of the cluster: planning cannot place per-member parts on them. */
    public static final class UnknownHosts extends RuntimeException {
        UnknownHosts(String message) {
            super(message, null, false, false);
        }
    }

    private Planner() {
    }

    /** The global object a per-member part belongs to. */
    private static Address globalOf(Address perMember) {
        return Address.of(perMember.kind() == Kind.NETWORK_MEMBER ? Kind.NETWORK : Kind.POOL, perMember.name());
    }

    public static Planned plan(Spec spec, IncusClient client) {
        return plan(spec, client, new Observer(client));
    }

    /** Plans with {@code observer}, which may have {@linkplain Observer#start() started} its reads already. */
    public static Planned plan(Spec spec, IncusClient client, Observer observer) {
        long start = System.nanoTime();
        Set<String> networks = spec.networks().stream().map(n -> n.name()).collect(Collectors.toSet());
        Set<String> pools = spec.storage().stream().map(p -> p.name()).collect(Collectors.toSet());
        Observed observed = observer.observe(spec.lab(), new Observer.PerMember(networks::contains,
                pools::contains));
        Duration observing = Duration.ofNanos(System.nanoTime() - start);
        boolean clustered = client.cluster().isClustered();
        if (clustered) {
            List<String> missing = spec.hostNames().stream().filter(h -> !observed.members().contains(h)).toList();
            if (!missing.isEmpty()) {
                throw new UnknownHosts("spec host" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " not a member of the cluster at "
                        + client.endpoint().describe() + " (members: " + String.join(", ", observed.members())
                        + "); the spec's host names must be the cluster's member names");
            }
        }
        List<String> warnings = new ArrayList<>(Desired.warnings(spec, observed.members(), clustered));
        Map<Address, Resource> desired = new LinkedHashMap<>(Desired.of(spec,
                Desired.members(spec, observed.members(), clustered), clustered));
        observer.unreachable().forEach((member, why) -> {
            warnings.add("member " + member + " did not answer (" + why + "); its parts of networks and pools are"
                    + " not compared, and changes placed on it will fail until it is back");
            desired.keySet().removeIf(a -> a.kind().isPerMember() && a.member().equals(member)
                    && observed.resources().containsKey(globalOf(a)));
        });
        observed.pending().stream().filter(a -> !desired.containsKey(a)).forEach(a -> warnings.add(a.kind().label()
                + " " + a.name() + " is Pending: defined on some members but never created (an interrupted create)."
                + " Declare it in the spec to finish it, or delete it (`incus " + (a.kind() == Kind.POOL
                ? "storage" : "network") + " delete " + a.name() + "`)"));
        List<Address> unread = observer.unknown().stream().filter(desired::containsKey).sorted().toList();
        if (!unread.isEmpty()) {
            warnings.add("left out of the plan, as their member did not answer: " + unread.stream()
                    .map(Address::toString).collect(Collectors.joining(", ")));
            unread.forEach(desired::remove);
        }
        return new Planned(Differ.diff(desired, observed, warnings), observed, desired, observer.calls(),
                observing);
    }
}
