package net.sigsrv.infra.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.plan.Observed;

/**
 * Reads the lab with bulk list calls — one per resource type per project ({@code recursion=1}, instances with
 * {@code recursion=2}) — issued in parallel. The one exception is forced by the daemon: member-specific keys of
 * networks and pools only come back from a GET of the object with {@code ?target=}. So the number of calls depends
 * on members, projects, pools, networks and zones, never on the number of instances; {@link #calls()} says how
 * many were made.
 */
public final class Observer {

    private final IncusClient client;
    private final AtomicInteger calls = new AtomicInteger();

    public Observer(IncusClient client) {
        this.client = client;
    }

    public int calls() {
        return calls.get();
    }

    public Observed observe(String lab) {
        boolean clustered = client.cluster().isClustered();
        List<ClusterMember> members = count(() -> client.cluster().members());
        Observed observed = new Observed(lab, members);
        List<Project> projects = count(() -> client.projects().list());
        List<StoragePool> pools = count(() -> client.storage().pools());
        List<NetworkZone> zones = count(() -> client.networks().zones());
        projects.forEach(observed::project);
        pools.forEach(observed::pool);
        zones.forEach(observed::zone);

        List<Callable<Consumer<Observed>>> reads = new ArrayList<>();
        reads.add(() -> {
            var acls = client.networks().acls("default");
            return o -> acls.forEach(o::acl);
        });
        List<Network> networks = count(() -> client.networks().list("default"));
        networks.forEach(observed::network);
        for (Project p : projects) {
            reads.add(() -> {
                var profiles = client.projects().profiles(p.name());
                return o -> profiles.forEach(pr -> o.profile(p.name(), pr));
            });
            reads.add(() -> {
                var instances = client.instances().list(p.name());
                return o -> instances.forEach(o::instance);
            });
            for (StoragePool pool : pools) {
                reads.add(() -> {
                    var volumes = client.storage().volumes(p.name(), pool.name());
                    return o -> volumes.forEach(v -> o.volume(p.name(), pool.name(), v));
                });
            }
        }
        for (NetworkZone z : zones) {
            reads.add(() -> {
                var records = client.networks().records(z.name());
                return o -> records.forEach(r -> o.record(z.name(), r));
            });
        }
        if (clustered) {
            // LXD 5.0.2 leaves member-specific keys out of list answers even with ?target=, so each network and
            // pool is read once per member: the count grows with members × (networks + pools), not instances.
            for (ClusterMember m : members) {
                for (Network n : networks.stream().filter(Network::managed).toList()) {
                    reads.add(() -> {
                        var mine = client.networks().get("default", n.name(), m.serverName()).value();
                        return o -> o.networkOnMember(m.serverName(), mine);
                    });
                }
                for (StoragePool pool : pools) {
                    reads.add(() -> {
                        var mine = client.storage().pool(pool.name(), m.serverName()).value();
                        return o -> o.poolOnMember(m.serverName(), mine);
                    });
                }
            }
        }
        runAll(reads).forEach(apply -> apply.accept(observed));
        return observed;
    }

    private <T> T count(Callable<T> read) {
        calls.incrementAndGet();
        try {
            return read.call();
        } catch (IncusException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the reads in parallel; results are applied in submission order so the outcome is deterministic. */
    private List<Consumer<Observed>> runAll(List<Callable<Consumer<Observed>>> reads) {
        calls.addAndGet(reads.size());
        try (ExecutorService pool = Executors.newFixedThreadPool(8, Thread.ofVirtual().factory())) {
            List<Future<Consumer<Observed>>> futures = new ArrayList<>();
            reads.forEach(r -> futures.add(pool.submit(() -> {
                try {
                    return r.call();
                } catch (IncusException e) {
                    if (e.kind() == IncusException.Kind.NOT_FOUND) {
                        return o -> { }; // deleted between the list and this read: it is simply not there
                    }
                    throw e;
                }
            })));
            List<Consumer<Observed>> out = new ArrayList<>();
            for (Future<Consumer<Observed>> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IncusException ie) {
                        throw ie;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IncusException(IncusException.Kind.TIMEOUT, 0, "interrupted while reading the lab", e);
                }
            }
            return out;
        }
    }
}
