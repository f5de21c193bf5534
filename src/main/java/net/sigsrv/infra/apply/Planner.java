package net.sigsrv.infra.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Desired;
import net.sigsrv.infra.plan.Differ;
import net.sigsrv.infra.plan.Observed;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Spec;

/** Observe the lab, build the desired state, diff: the one entry point behind {@code infra plan} and apply. */
public final class Planner {

    /** A plan with what it was computed from, and how many API calls observing took. */
    public record Planned(Plan plan, Observed observed, Map<Address, Resource> desired, int apiCalls) {
    }

    /** Spec hosts that are not members of the cluster: planning cannot place per-member parts on them. */
    public static final class UnknownHosts extends RuntimeException {
        UnknownHosts(String message) {
            super(message, null, false, false);
        }
    }

    private Planner() {
    }

    public static Planned plan(Spec spec, IncusClient client) {
        Observer observer = new Observer(client);
        Observed observed = observer.observe(spec.lab());
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
        List<String> warnings = new ArrayList<>();
        if (!spec.clusters().isEmpty()) {
            warnings.add("the clusters: section is not provisioned yet (" + spec.clusters().size()
                    + " Talos cluster" + (spec.clusters().size() == 1 ? "" : "s") + " skipped); everything else is"
                    + " planned");
        }
        Map<Address, Resource> desired = Desired.of(spec, clustered ? spec.hostNames() : observed.members(),
                clustered);
        return new Planned(Differ.diff(desired, observed, warnings), observed, desired, observer.calls());
    }
}
