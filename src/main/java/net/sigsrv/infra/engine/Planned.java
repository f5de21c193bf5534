package net.sigsrv.infra.engine;

import java.time.Duration;
import java.util.List;
import net.sigsrv.infra.plan.Plan;

/**
 * A plan with what it was made from.
 *
 * @param plan      every layer's changes and warnings, joined
 * @param members   the cluster members the plan was made for (saved plans record them)
 * @param apiCalls  how many API calls observing took, over every layer
 * @param observing how long observing took, over every layer
 */
public record Planned(Plan plan, List<String> members, int apiCalls, Duration observing) {

    public Planned {
        members = List.copyOf(members);
    }
}
