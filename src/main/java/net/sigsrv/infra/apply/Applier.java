package net.sigsrv.infra.apply;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.sigsrv.infra.graph.Graph;
import net.sigsrv.infra.graph.WalkListener;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.graph.Walker;
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
 * Applies a plan: every change that does something (and is not blocked) becomes a node; a create or update
 * depends on the changes that create or update what it references; a delete waits for every change that let go
 * of the object (updated away from it, or deleted itself). The walk runs with bounded parallelism; a failed step
 * skips its dependents ("upstream failed") and everything else goes on.
 */
public final class Applier {

    private Applier() {
    }

    /**
     * The apply graph. {@code defaultProfiles} holds, by project, the project's {@code default} profile as the lab
     * has it (the plan lists it only when the spec declares it): what an instance or a project uses through it. A
     * project missing from it is taken to use everything.
     */
    static Graph<Change> graph(Plan plan, List<String> members, Map<String, Resource> defaultProfiles) {
        List<Change> changes = plan.changes().stream()
                .filter(c -> c.action().changesSomething() && !c.isBlocked()).toList();
        Map<Address, Change> byAddress = new HashMap<>();
        changes.forEach(c -> byAddress.put(c.address(), c));
        Graph.Builder<Change> g = Graph.builder();
        changes.forEach(g::node);
        for (Change c : changes) {
            c.after().ifPresent(after -> References.of(after, members).forEach(ref -> {
                Change prerequisite = byAddress.get(ref);
                if (prerequisite != null && prerequisite.action() != Action.DELETE) {
                    g.dependsOn(c, prerequisite);
                }
            }));
            if (c.action() == Action.UPDATE) {
                // an instance on its way out is stopped first; LXD refuses to update a profile of an instance busy
                // stopping ("Instance is busy running a "stop" operation"), and the instance need not see the change
                for (Change other : changes) {
                    if (other.action() == Action.DELETE && other.address().kind() == Kind.INSTANCE
                            && other.before().map(b -> References.of(b, members).contains(c.address()))
                            .orElse(false)) {
                        g.dependsOn(c, other);
                    }
                }
            }
            if (c.action() == Action.DELETE) {
                for (Change other : changes) {
                    boolean referencedIt = other != c && other.before()
                            .map(b -> References.of(b, members).contains(c.address())).orElse(false);
                    if ((referencedIt && other.action() != Action.CREATE)
                            || usesThroughDefaultProfile(other, c, defaultProfiles, members)) {
                        g.dependsOn(c, other);
                    }
                }
            }
        }
        return g.build();
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
    static Map<String, Resource> defaultProfiles(Plan plan, IncusClient client) {
        Set<String> projects = new TreeSet<>();
        for (Change c : plan.changes()) {
            if (!c.isBlocked() && c.action().deletes()) {
                switch ((IncusKind) c.address().kind()) {
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

    /**
     * How to apply.
     *
     * @param parallelism changes applied at once
     * @param ipv4Lease   when present, every instance the plan starts also waits (up to this long) until it holds an
     *                    IPv4 lease, so the apply ends with addresses known
     */
    public record Options(int parallelism, Optional<Duration> ipv4Lease) {

        public static Options parallel(int parallelism) {
            return new Options(parallelism, Optional.empty());
        }
    }

    /** Runs the plan's changes against the lab; progress goes to {@code listener}. */
    public static WalkResult<Change> apply(Plan plan, IncusClient client, List<String> members, Options options,
                                           WalkListener<Change> listener) {
        Map<Address, Change> byAddress = new HashMap<>();
        plan.changes().stream().filter(c -> !c.isBlocked()).forEach(c -> byAddress.put(c.address(), c));
        ChangeExecutor executor = new ChangeExecutor(client, options, byAddress);
        return new Walker().walk(graph(plan, members, defaultProfiles(plan, client)), options.parallelism(),
                executor::execute,
                new ByAddress(listener, plan.changes()));
    }

    /**
     * Passes progress on, naming changes by address in skip reasons: the walker names the failed prerequisite by
     * its {@code toString()}, which for a {@link Change} is the whole record with both objects.
     */
    private record ByAddress(WalkListener<Change> delegate, List<Change> changes) implements WalkListener<Change> {

        @Override
        public void started(Change c) {
            delegate.started(c);
        }

        @Override
        public void succeeded(Change c, Duration d) {
            delegate.succeeded(c, d);
        }

        @Override
        public void failed(Change c, Throwable error, Duration d) {
            delegate.failed(c, error, d);
        }

        @Override
        public void skipped(Change c, String reason) {
            String readable = reason;
            for (Change other : changes) {
                readable = readable.replace(other.toString(), other.address().toString());
            }
            delegate.skipped(c, readable);
        }

        @Override
        public void stillRunning(Change c, Duration elapsed) {
            delegate.stillRunning(c, elapsed);
        }
    }
}
