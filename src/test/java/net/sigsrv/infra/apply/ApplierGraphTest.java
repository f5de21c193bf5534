package net.sigsrv.infra.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.graph.Graph;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.Resource;
import org.junit.jupiter.api.Test;

/** The apply graph's order for deletes, which the daemon enforces with "in use" errors. */
class ApplierGraphTest {

    private static final List<String> MEMBERS = List.of("sigsrv", "minisrv");

    @Test
    void aPoolIsDeletedAfterTheProjectWhoseDefaultProfileUsesIt() {
        // the project's built-in default profile (root disk on the pool) is not in the plan: it goes with the project
        Change project = delete(Address.of(Kind.PROJECT, "p"), Map.of());
        Change instance = delete(Address.scoped(Kind.INSTANCE, "p", "c1"), Map.of("profiles", "default",
                "state", "running"));
        Change pool = delete(Address.of(Kind.POOL, "p-pool"), Map.of("driver", "dir"));
        Graph<Change> g = Applier.graph(plan(project, instance, pool), MEMBERS);

        assertThat(g.prerequisitesOf(project)).containsExactly(instance);
        assertThat(g.ancestors(pool)).contains(project, instance);
    }

    @Test
    void aNetworkIsDeletedAfterTheInstancesThatGoAwayWithIt() {
        Change instance = delete(Address.scoped(Kind.INSTANCE, "p", "c1"), Map.of("profiles", "default"));
        Change network = delete(Address.of(Kind.NETWORK, "tbr0"), Map.of("type", "bridge"));
        Graph<Change> g = Applier.graph(plan(instance, network), MEMBERS);

        assertThat(g.prerequisitesOf(network)).containsExactly(instance);
        assertThat(g.prerequisitesOf(instance)).isEmpty();
    }

    /** Found on the lab: LXD refuses to update a profile of an instance that is being stopped for deletion. */
    @Test
    void aProfileIsUpdatedAfterTheInstancesUsingItAreGone() {
        Address web = Address.scoped(Kind.PROFILE, "p", "web");
        Change profile = new Change(web, Action.UPDATE, Optional.of(resource(web, Map.of("config.limits.cpu", "1"))),
                Optional.of(resource(web, Map.of("config.limits.cpu", "2"))), List.of(), Optional.empty());
        Change leaving = delete(Address.scoped(Kind.INSTANCE, "p", "c1"), Map.of("profiles", "default,web",
                "state", "running"));
        Change staying = delete(Address.scoped(Kind.INSTANCE, "p", "c2"), Map.of("profiles", "default"));
        Graph<Change> g = Applier.graph(plan(profile, leaving, staying), MEMBERS);

        assertThat(g.prerequisitesOf(profile)).containsExactly(leaving);
    }

    @Test
    void createsOfInstancesDoNotWaitForUnrelatedDeletes() {
        Change pool = delete(Address.of(Kind.POOL, "old"), Map.of("driver", "dir"));
        Change created = new Change(Address.scoped(Kind.INSTANCE, "p", "c2"), Action.CREATE, Optional.empty(),
                Optional.of(resource(Address.scoped(Kind.INSTANCE, "p", "c2"), Map.of("profiles", "default"))),
                List.of(), Optional.empty());
        Graph<Change> g = Applier.graph(plan(pool, created), MEMBERS);

        assertThat(g.prerequisitesOf(pool)).isEmpty();
        assertThat(g.prerequisitesOf(created)).isEmpty();
    }

    private static Change delete(Address a, Map<String, String> fields) {
        return new Change(a, Action.DELETE, Optional.of(resource(a, fields)), Optional.empty(), List.of(),
                Optional.empty());
    }

    private static Resource resource(Address a, Map<String, String> fields) {
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("config." + Ownership.KEY, "lab");
        return new Resource(a, f, true);
    }

    private static Plan plan(Change... changes) {
        return new Plan("lab", List.of(changes), List.of(), "");
    }
}
