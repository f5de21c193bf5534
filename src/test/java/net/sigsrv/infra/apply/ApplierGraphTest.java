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
    /** No project's default profile known: everything is taken to use it. */
    private static final Map<String, Resource> UNKNOWN = Map.of();

    @Test
    void aPoolIsDeletedAfterTheProjectWhoseDefaultProfileUsesIt() {
        // the project's built-in default profile (root disk on the pool) is not in the plan: it goes with the project
        Change project = delete(Address.of(Kind.PROJECT, "p"), Map.of());
        Change instance = delete(Address.scoped(Kind.INSTANCE, "p", "c1"), Map.of("profiles", "default",
                "state", "running"));
        Change pool = delete(Address.of(Kind.POOL, "p-pool"), Map.of("driver", "dir"));
        Graph<Change> g = ChangeOrder.graph(plan(project, instance, pool), MEMBERS, UNKNOWN);

        assertThat(g.prerequisitesOf(project)).containsExactly(instance);
        assertThat(g.ancestors(pool)).contains(project, instance);
    }

    @Test
    void aNetworkIsDeletedAfterTheInstancesThatGoAwayWithIt() {
        Change instance = delete(Address.scoped(Kind.INSTANCE, "p", "c1"), Map.of("profiles", "default"));
        Change network = delete(Address.of(Kind.NETWORK, "tbr0"), Map.of("type", "bridge"));
        Graph<Change> g = ChangeOrder.graph(plan(instance, network), MEMBERS, UNKNOWN);

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
        Graph<Change> g = ChangeOrder.graph(plan(profile, leaving, staying), MEMBERS, UNKNOWN);

        assertThat(g.prerequisitesOf(profile)).containsExactly(leaving);
    }

    @Test
    void createsOfInstancesDoNotWaitForUnrelatedDeletes() {
        Change pool = delete(Address.of(Kind.POOL, "old"), Map.of("driver", "dir"));
        Change created = new Change(Address.scoped(Kind.INSTANCE, "p", "c2"), Action.CREATE, Optional.empty(),
                Optional.of(resource(Address.scoped(Kind.INSTANCE, "p", "c2"), Map.of("profiles", "default"))),
                List.of(), Optional.empty());
        Graph<Change> g = ChangeOrder.graph(plan(pool, created), MEMBERS, UNKNOWN);

        assertThat(g.prerequisitesOf(pool)).isEmpty();
        assertThat(g.prerequisitesOf(created)).isEmpty();
    }

    /**
     * A failed project delete skipped every network and pool delete of a destroy: each waited for every project.
     * Known default profiles make the edges exact, so one failure skips only what really waited for it.
     */
    @Test
    void aDeleteWaitsOnlyForTheProjectsAndInstancesWhoseDefaultProfileUsesIt() {
        Change p1 = delete(Address.of(Kind.PROJECT, "p1"), Map.of());
        Change p2 = delete(Address.of(Kind.PROJECT, "p2"), Map.of());
        Change c1 = delete(Address.scoped(Kind.INSTANCE, "p1", "c1"), Map.of("profiles", "default"));
        Change c2 = delete(Address.scoped(Kind.INSTANCE, "p2", "c2"), Map.of("profiles", "default"));
        Change usedByP1 = delete(Address.of(Kind.NETWORK, "p1br0"), Map.of("type", "bridge"));
        Change unrelated = delete(Address.of(Kind.NETWORK, "otherbr0"), Map.of("type", "bridge"));
        Change pool = delete(Address.of(Kind.POOL, "p2-pool"), Map.of("driver", "dir"));
        Map<String, Resource> profiles = Map.of(
                "p1", profile("p1", Map.of("devices.eth0.type", "nic", "devices.eth0.network", "p1br0")),
                "p2", profile("p2", Map.of("devices.root.type", "disk", "devices.root.path", "/",
                        "devices.root.pool", "p2-pool")));
        Graph<Change> g = ChangeOrder.graph(plan(p1, p2, c1, c2, usedByP1, unrelated, pool), MEMBERS, profiles);

        assertThat(g.prerequisitesOf(usedByP1)).containsExactlyInAnyOrder(p1, c1);
        assertThat(g.prerequisitesOf(pool)).containsExactlyInAnyOrder(p2, c2);
        assertThat(g.prerequisitesOf(unrelated)).isEmpty();
    }

    @Test
    void anAclWaitsForTheNicsThatNameIt() {
        Change instance = delete(Address.scoped(Kind.INSTANCE, "p", "c1"), Map.of("profiles", "",
                "devices.eth0.type", "nic", "devices.eth0.network", "br0", "devices.eth0.security.acls", "web"));
        Change acl = delete(Address.of(Kind.ACL, "web"), Map.of());
        Change other = delete(Address.of(Kind.ACL, "other"), Map.of());
        Graph<Change> g = ChangeOrder.graph(plan(instance, acl, other), MEMBERS, UNKNOWN);

        assertThat(g.prerequisitesOf(acl)).containsExactly(instance);
        assertThat(g.prerequisitesOf(other)).isEmpty();
    }

    private static Resource profile(String project, Map<String, String> fields) {
        return new Resource(Address.scoped(Kind.PROFILE, project, "default"), fields, false);
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
