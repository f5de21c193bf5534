package net.sigsrv.infra.apply;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.graph.Graph;
import net.sigsrv.infra.graph.WalkListener;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.graph.Walker;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Plan;

/**
 * Applies a plan: every change that does something (and is not blocked) becomes a node; a create or update
 * depends on the changes that create or update what it references; a delete waits for every change that let go
 * of the object (updated away from it, or deleted itself). The walk runs with bounded parallelism; a failed step
 * skips its dependents ("upstream failed") and everything else goes on.
 */
public final class Applier {

    private Applier() {
    }

    static Graph<Change> graph(Plan plan, List<String> members) {
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
                    if ((referencedIt && other.action() != Action.CREATE) || usesIndirectly(other, c)) {
                        g.dependsOn(c, other);
                    }
                }
            }
        }
        return g.build();
    }

    /**
     * Pools, networks and ACLs are also used through profiles the plan does not list: a project's built-in
     * {@code default} profile goes away only with its project, and an instance's root disk or NIC may come from a
     * profile. The daemon refuses to delete an object still in use, so such a delete waits for every project and
     * instance that goes away (or is replaced) in the same plan.
     */
    private static boolean usesIndirectly(Change other, Change deleted) {
        Kind kind = deleted.address().kind();
        boolean usable = kind == Kind.POOL || kind == Kind.NETWORK || kind == Kind.ACL;
        boolean letsGo = other.action() == Action.DELETE || other.action() == Action.REPLACE;
        Kind otherKind = other.address().kind();
        return usable && letsGo && (otherKind == Kind.PROJECT || otherKind == Kind.INSTANCE);
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
        return new Walker().walk(graph(plan, members), options.parallelism(), executor::execute,
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
