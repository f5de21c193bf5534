package net.sigsrv.infra.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import net.sigsrv.infra.diag.Futures;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Observed;

/**
 * Reads the lab with bulk list calls — one per resource type per project ({@code recursion=1}), instances of all
 * projects in one call where the daemon has {@code instance_all_projects} (LXD 5.0.2 has) — issued in parallel,
 * at most {@value #PARALLEL_READS} at once, each as soon as what it hangs off is known. The one exception is forced
 * by the daemon: member-specific keys of networks and pools only come back
 * from a GET of the object with {@code ?target=}, and whether a member's bridge device exists only from the
 * member's state read of it. So the number of calls depends on members, projects, pools,
 * networks and zones, never on the number of instances; {@link #calls()} says how many were made.
 *
 * <p>A member that does not answer its per-member reads (stopped, or just restarted and not yet connected to the
 * others) does not stop the observation: its parts are left out and {@link #unreachable()} says which member and
 * what the daemon said, so the plan can say so. Everything else is read through the member answering the API.
 * A member the cluster already reports Offline is not asked at all, and after one failed read no other read goes
 * to that member: on LXD 5.0.2 a read forwarded to a dead member waits out a 10 s connect timeout (and the client
 * retries 5xx reads).
 */
public final class Observer {

    /** Which networks and pools need their per-member parts read. */
    public record PerMember(Predicate<String> networks, Predicate<String> pools) {

        /** Every managed network and every pool (what {@code infra destroy} or a saved plan looks at). */
        public static final PerMember ALL = new PerMember(n -> true, p -> true);
    }

    /** How a member that is stopped or not yet reconnected shows: the answering member's 500, or no answer. */
    private static final Set<IncusException.Kind> MEMBER_DOWN = Set.of(IncusException.Kind.FAILED,
            IncusException.Kind.UNREACHABLE, IncusException.Kind.TIMEOUT);

    /** Reads in flight at once: the daemon answers them in parallel, and about 30 make a whole lab. */
    private static final int PARALLEL_READS = 16;

    private final IncusClient client;
    /** Bounds the reads in flight to {@link #PARALLEL_READS}, whichever threads run them. */
    private final Semaphore inFlight = new Semaphore(PARALLEL_READS);
    private final AtomicInteger calls = new AtomicInteger();
    private final Map<String, String> unreachable = new ConcurrentSkipListMap<>();
    private final Set<Address> unknown = new ConcurrentSkipListSet<>();

    public Observer(IncusClient client) {
        this.client = client;
    }

    public int calls() {
        return calls.get();
    }

    /** Members whose per-member reads failed, with the daemon's message; empty when all answered. */
    public Map<String, String> unreachable() {
        return Map.copyOf(unreachable);
    }

    /** Instances the daemon listed but could not read (their member did not answer): not in the observation. */
    public Set<Address> unknown() {
        return Set.copyOf(unknown);
    }

    public Observed observe(String lab) {
        return observe(lab, PerMember.ALL);
    }

    /**
     * The reads that do not depend on the spec: the collections everything else hangs off, the instances, and what
     * hangs off those collections (profiles and volumes per project, records per zone, ACLs), started as soon as
     * the collections they hang off are in.
     */
    private record FirstReads(Future<List<ClusterMember>> members, Future<List<Project>> projects,
                              Future<List<StoragePool>> pools, Future<List<NetworkZone>> zones,
                              Future<List<Network>> networks, Future<Consumer<Observed>> instances,
                              Future<List<Consumer<Observed>>> dependents) {
    }

    private FirstReads first;

    /**
     * Starts the reads that do not depend on the spec, so they run while it loads (for {@code infra plan}, where a
     * large spec and a large instance list each take a core for hundreds of milliseconds). {@link #observe} then
     * uses them. Not for an apply: its observation must come after it holds the lab's lock.
     */
    public synchronized Observer start() {
        if (first == null) {
            first = firstReads(task -> Thread.ofVirtual().name("infra-observe").start(task));
        }
        return this;
    }

    private FirstReads firstReads(Executor executor) {
        boolean allProjects = client.server().has("instance_all_projects");
        Future<List<Project>> projects = run(executor, () -> client.projects().list());
        Future<List<StoragePool>> pools = run(executor, () -> client.storage().pools());
        Future<List<NetworkZone>> zones = run(executor, () -> client.networks().zones());
        // the instance list is the longest call by far: where one call covers every project, it starts first
        Future<Consumer<Observed>> instances = allProjects
                ? run(executor, () -> instances(client.instances().listAllProjectsWithoutState())) : null;
        Future<List<ClusterMember>> members = run(executor, () -> client.cluster().members());
        Future<List<Network>> networks = run(executor, () -> client.networks().list("default"));
        FutureTask<List<Consumer<Observed>>> dependents = new FutureTask<>(() -> runAll(executor,
                dependentReads(result(projects), result(pools), result(zones), !allProjects)));
        executor.execute(dependents);
        return new FirstReads(members, projects, pools, zones, networks, instances, dependents);
    }

    private <T> Future<T> run(Executor executor, Callable<T> read) {
        FutureTask<T> task = new FutureTask<>(counted(read));
        executor.execute(task);
        return task;
    }

    /** What hangs off the collections and not off the spec; the instances too when no call covers every project. */
    private List<Callable<Consumer<Observed>>> dependentReads(List<Project> projects, List<StoragePool> pools,
                                                             List<NetworkZone> zones, boolean instancesPerProject) {
        List<Callable<Consumer<Observed>>> reads = new ArrayList<>();
        if (instancesPerProject) {
            projects.forEach(p -> reads.add(() -> instances(client.instances().listWithoutState(p.name()))));
        }
        reads.add(() -> {
            var acls = client.networks().acls("default");
            return o -> acls.forEach(o::acl);
        });
        for (Project p : projects) {
            reads.add(() -> {
                var profiles = client.projects().profiles(p.name());
                return o -> profiles.forEach(pr -> o.profile(p.name(), pr));
            });
            // per project, not all-projects: a project without features.storage.volumes shows the default
            // project's volumes as its own, which is where the daemon put the ones created "in" it
            for (StoragePool sp : pools) {
                reads.add(() -> {
                    var volumes = client.storage().volumes(p.name(), sp.name());
                    return o -> volumes.forEach(v -> o.volume(p.name(), sp.name(), v));
                });
            }
        }
        for (NetworkZone z : zones) {
            reads.add(() -> {
                var records = client.networks().records(z.name());
                return o -> records.forEach(r -> o.record(z.name(), r));
            });
        }
        return reads;
    }

    /** Observes the lab, reading per-member parts only of the networks and pools {@code perMember} names. */
    public Observed observe(String lab, PerMember perMember) {
        boolean clustered = client.cluster().isClustered();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_READS, Thread.ofVirtual().factory())) {
            FirstReads firstReads;
            synchronized (this) {
                // started reads serve one observation: a later one reads afresh
                firstReads = first != null ? first : firstReads(pool);
                first = null;
            }
            Future<Consumer<Observed>> fInstances = firstReads.instances();
            List<ClusterMember> members = result(firstReads.members());
            List<Project> projects = result(firstReads.projects());
            List<StoragePool> pools = result(firstReads.pools());
            List<NetworkZone> zones = result(firstReads.zones());
            List<Network> networks = result(firstReads.networks());
            Observed observed = new Observed(lab, members);
            projects.forEach(observed::project);
            pools.forEach(observed::pool);
            zones.forEach(observed::zone);
            networks.forEach(observed::network);

            // then the per-member parts the spec asks for (the rest was started with the first reads)
            List<Callable<Consumer<Observed>>> reads = new ArrayList<>();
            if (clustered) {
                // LXD 5.0.2 leaves member-specific keys out of list answers even with ?target=, so each network
                // and pool of the spec is read once per member, and each bridge's state too (is its device there?):
                // members × (2 × bridges + pools), not instances
                for (ClusterMember m : members) {
                    String member = m.serverName();
                    if (!"Online".equalsIgnoreCase(m.status())) {
                        // the cluster knows it is gone: asking it would cost the daemon's connect timeout per read
                        unreachable.put(member, "the cluster reports it " + m.status()
                                + (m.message().isEmpty() ? "" : ": " + m.message()));
                        continue;
                    }
                    for (Network n : networks) {
                        if (n.managed() && perMember.networks().test(n.name())) {
                            reads.add(onMember(member, () -> {
                                var mine = client.networks().get("default", n.name(), member).value();
                                return o -> o.networkOnMember(member, mine);
                            }));
                            if ("bridge".equals(n.type())) {
                                reads.add(onMember(member, () -> bridgeDevice(n.name(), member)));
                            }
                        }
                    }
                    for (StoragePool sp : pools) {
                        if (perMember.pools().test(sp.name())) {
                            reads.add(onMember(member, () -> {
                                var mine = client.storage().pool(sp.name(), member).value();
                                return o -> o.poolOnMember(member, mine);
                            }));
                        }
                    }
                }
            }
            List<Consumer<Observed>> perMemberParts = runAll(pool, reads);
            if (fInstances != null) {
                result(fInstances).accept(observed);
            }
            // applied in the order of the reads before them: instances, collections' dependents, per-member parts
            result(firstReads.dependents()).forEach(apply -> apply.accept(observed));
            perMemberParts.forEach(apply -> apply.accept(observed));
            return observed;
        }
    }

    /**
     * One instance list as {@code recursion=1} gives it: everything the plan compares, the status included;
     * recursion=2 would make the daemon gather every instance's live state — processes, addresses, counters — for
     * nothing (no plan compares them).
     */
    private Consumer<Observed> instances(List<Instance> instances) {
        return o -> instances.forEach(i -> {
            if (i.type() == null || i.type().isEmpty()) {
                // the daemon could not ask the member it lives on: a stub with name, location and status Error,
                // no config — not the instance, so it is left out rather than compared
                unknown.add(Address.scoped(Kind.INSTANCE, i.project(), i.name()));
                unreachable.putIfAbsent(i.location().isEmpty() ? "(unknown)" : i.location(),
                        "its instances could not be read: status " + i.status());
            } else {
                o.instance(i);
            }
        });
    }

    /**
     * Whether a managed bridge's device exists on {@code member}: LXD 5.0.2 keeps listing the network as Created
     * (also in the member's own GET) when the device was deleted behind its back, and only the member's state read
     * answers 404 "Network interface … not found". One read per member and bridge of the spec; applied after the
     * member's GET of the network (submission order), so a network deleted meanwhile is not marked.
     */
    private Consumer<Observed> bridgeDevice(String network, String member) {
        try {
            client.networks().state(network, member);
            return o -> { };
        } catch (IncusException e) {
            if (e.kind() != IncusException.Kind.NOT_FOUND) {
                throw e;
            }
            return o -> o.bridgeMissing(member, network);
        }
    }

    /** A per-member read that, when the member does not answer, records it instead of failing the observation. */
    private Callable<Consumer<Observed>> onMember(String member, Callable<Consumer<Observed>> read) {
        return () -> {
            if (unreachable.containsKey(member)) {
                calls.decrementAndGet(); // not made after all
                return o -> { }; // one read already failed: each further one would wait for the same timeout
            }
            try {
                return read.call();
            } catch (IncusException e) {
                if (!MEMBER_DOWN.contains(e.kind())) {
                    throw e;
                }
                unreachable.putIfAbsent(member, e.getMessage());
                return o -> { };
            }
        };
    }

    private <T> Callable<T> counted(Callable<T> read) {
        return () -> {
            calls.incrementAndGet();
            return gated(read);
        };
    }

    private <T> T gated(Callable<T> read) throws Exception {
        inFlight.acquire();
        try {
            return read.call();
        } finally {
            inFlight.release();
        }
    }

    private static <T> T result(Future<T> f) {
        return Futures.join(f, e -> new IncusException(IncusException.Kind.TIMEOUT, 0,
                "interrupted while reading the lab", e));
    }

    /** Runs the reads in parallel; results are applied in submission order so the outcome is deterministic. */
    private List<Consumer<Observed>> runAll(Executor executor, List<Callable<Consumer<Observed>>> reads) {
        calls.addAndGet(reads.size());
        List<Future<Consumer<Observed>>> futures = new ArrayList<>();
        reads.forEach(r -> {
            FutureTask<Consumer<Observed>> task = new FutureTask<>(() -> {
                try {
                    return gated(r);
                } catch (IncusException e) {
                    if (e.kind() == IncusException.Kind.NOT_FOUND) {
                        return o -> { }; // deleted between the list and this read: it is simply not there
                    }
                    throw e;
                }
            });
            executor.execute(task);
            futures.add(task);
        });
        List<Consumer<Observed>> out = new ArrayList<>();
        futures.forEach(f -> out.add(result(f)));
        return out;
    }
}
