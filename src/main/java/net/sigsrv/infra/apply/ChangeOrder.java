package net.sigsrv.infra.apply;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import net.sigsrv.infra.graph.Graph;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.IncusKind;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.References;
import net.sigsrv.infra.plan.Resource;

/**
 * The order of the Incus layer's changes: a create or update depends on the changes that create or update what it
 * references; a delete waits for every change that let go of the object (updated away from it, or deleted itself).
 * The engine joins these edges with every other layer's into the one graph it walks.
 */
public final class ChangeOrder {

    private ChangeOrder() {
    }

    /**
     * The Incus changes to make of {@code plan} (those that change something and are not blocked) with their edges:
     * the graph of a plan of the Incus layer alone.
     */
    static Graph<Change> graph(Plan plan, List<String> members, Map<String, Resource> defaultProfiles) {
        List<Change> changes = plan.changes().stream()
                .filter(c -> c.action().changesSomething() && !c.isBlocked()).toList();
        Graph.Builder<Change> g = Graph.builder();
        changes.forEach(g::node);
        edges(changes, members, defaultProfiles, g::dependsOn);
        return g.build();
    }

    /**
     * Declares, in a stable order, every edge among {@code changes} (Incus changes to make, in plan order) through
     * {@code dependsOn.accept(node, prerequisite)}. {@code defaultProfiles} holds, by project, the project's
     * {@code default} profile as the lab has it (the plan lists it only when the spec declares it): what an instance
     * or a project uses through it. A project missing from it is taken to use everything.
     */
    public static void edges(List<Change> changes, List<String> members, Map<String, Resource> defaultProfiles,
                             BiConsumer<Change, Change> dependsOn) {
        Map<Address, Change> byAddress = new HashMap<>();
        changes.forEach(c -> byAddress.put(c.address(), c));
        for (Change c : changes) {
            c.after().ifPresent(after -> References.of(after, members).forEach(ref -> {
                Change prerequisite = byAddress.get(ref);
                if (prerequisite != null && prerequisite.action() != Action.DELETE) {
                    dependsOn.accept(c, prerequisite);
                }
            }));
            if (c.action() == Action.UPDATE) {
                // an instance on its way out is stopped first; LXD refuses to update a profile of an instance busy
                // stopping ("Instance is busy running a "stop" operation"), and the instance need not see the change
                for (Change other : changes) {
                    if (other.action() == Action.DELETE && other.address().kind() == Kind.INSTANCE
                            && other.before().map(b -> References.of(b, members).contains(c.address()))
                            .orElse(false)) {
                        dependsOn.accept(c, other);
                    }
                }
            }
            if (c.action() == Action.DELETE) {
                for (Change other : changes) {
                    boolean referencedIt = other != c && other.before()
                            .map(b -> References.of(b, members).contains(c.address())).orElse(false);
                    if ((referencedIt && other.action() != Action.CREATE)
                            || usesThroughDefaultProfile(other, c, defaultProfiles, members)) {
                        dependsOn.accept(c, other);
                    }
                }
            }
        }
    }

    /**
     * Pools, networks, ACLs and volumes are also used through a project's built-in {@code default} profile, which
     * the plan does not list: it goes away only with its project, and an instance's root disk or NIC may come from
     * it. The daemon refuses to delete an object still in use, so such a delete waits for the project (and the
     * instances using that profile) that go away in the same plan — only those whose default profile names it, so
     * that one failed delete skips only what really waited for it.
     */
    private static boolean usesThroughDefaultProfile(Change other, Change deleted, Map<String, Resource> profiles,
                                                     List<String> members) {
        Kind kind = deleted.address().kind();
        boolean usable = kind == Kind.POOL || kind == Kind.NETWORK || kind == Kind.ACL || kind == Kind.VOLUME;
        boolean letsGo = other.action() == Action.DELETE || other.action() == Action.REPLACE;
        Kind otherKind = other.address().kind();
        if (!usable || !letsGo) {
            return false;
        }
        String project;
        if (otherKind == Kind.PROJECT) {
            project = other.address().name();
        } else if (otherKind == Kind.INSTANCE && other.before().map(b -> List.of(b.field("profiles").split(","))
                .contains("default")).orElse(false)) {
            project = other.address().scope();
        } else {
            return false;
        }
        Resource profile = profiles.get(project);
        return profile == null || References.of(profile, members).contains(deleted.address());
    }

    /**
     * The {@code default} profile, as the lab has it now, of every project whose instances or itself the plan
     * deletes or replaces. A profile that cannot be read is left out (everything is then taken to use it).
     */
    public static Map<String, Resource> defaultProfiles(Plan plan, IncusClient client) {
        Set<String> projects = new TreeSet<>();
        for (Change c : plan.changes()) {
            if (!c.isBlocked() && c.action().deletes() && c.address().kind() instanceof IncusKind kind) {
                switch (kind) {
                    case PROJECT -> projects.add(c.address().name());
                    case INSTANCE -> projects.add(c.address().scope());
                    default -> { }
                }
            }
        }
        Map<String, Resource> out = new HashMap<>();
        for (String project : projects) {
            try {
                Profile p = client.projects().profile(project, "default").value();
                Map<String, String> fields = new HashMap<>();
                p.config().forEach((k, v) -> fields.put("config." + k, v));
                p.devices().forEach((d, keys) -> keys.forEach((k, v) -> fields.put("devices." + d + "." + k, v)));
                Address a = Address.scoped(Kind.PROFILE, project, "default");
                out.put(project, new Resource(a, fields, false));
            } catch (IncusException e) {
                // unknown: the graph waits as if the profile used everything
            }
        }
        return out;
    }
}
