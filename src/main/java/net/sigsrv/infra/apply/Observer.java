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
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.plan.Observed;

/**
 * Reads the lab with bulk list calls only — one per resource type per member or project ({@code recursion=1},
 * instances with {@code recursion=2}) — issued in parallel, and never one GET per object. The number of calls
 * depends on members, projects, pools and zones, not on the number of instances; {@link #calls()} says how many.
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
        reads.add(() -> {
            var networks = client.networks().list("default");
            return o -> networks.forEach(o::network);
        });
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
            for (ClusterMember m : members) {
                reads.add(() -> {
                    var networks = client.networks().listOnMember("default", m.serverName());
                    return o -> networks.forEach(n -> o.networkOnMember(m.serverName(), n));
                });
                reads.add(() -> {
                    var memberPools = client.storage().poolsOnMember(m.serverName());
                    return o -> memberPools.forEach(p -> o.poolOnMember(m.serverName(), p));
                });
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
            reads.forEach(r -> futures.add(pool.submit(r)));
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
