package net.sigsrv.infra.doctor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import net.sigsrv.infra.diag.Futures;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.incus.api.PoolResources;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.ServerInfo;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;
import net.sigsrv.infra.spec.model.Privilege;
import net.sigsrv.infra.spec.model.Spec;

/**
 * Everything the checks read, gathered up front with bounded parallel reads (so the whole doctor costs a fixed
 * number of calls per member, network, pool and project). Per-member reads are made only for members that are
 * listed Online and answer {@code GET /1.0?target=}: asking a dead member through the cluster waits for the
 * daemon's own timeout, and its state is the member finding's business. A read that fails is kept as a {@link
 * Read} with the daemon's message.
 *
 * @param vlanInterfaces per network, per member: the interfaces that should be attached to the bridge (the spec's
 *                       {@code interface}, else the member's {@code bridge.external_interfaces})
 * @param states         per member, per interface or bridge name: its state on that member
 * @param volumes        per {@code project/pool} the spec's disks use: the custom volumes there
 * @param profiles       per project that has its own profiles ({@code default}, and those with {@code
 *                       features.profiles}): its profiles
 */
record LabView(List<ClusterMember> members, boolean clustered, Map<String, Read<ServerInfo>> servers,
               List<Network> bridges, Map<String, Map<String, List<String>>> vlanInterfaces,
               Map<String, Map<String, Read<NetworkState>>> states, List<StoragePool> pools,
               Map<String, Read<List<StoragePool>>> poolsOnMember,
               Map<String, Map<String, Read<PoolResources>>> poolResources, Read<List<Instance>> instances,
               List<Project> projects, Map<String, Read<List<StorageVolume>>> volumes,
               Map<String, Read<List<Profile>>> profiles, Optional<Spec> spec) {

    private static final int PARALLEL_READS = 8;

    List<String> memberNames() {
        return members.stream().map(ClusterMember::serverName).toList();
    }

    /** Listed Online by the cluster and answering requests sent to it (its per-member data was read). */
    boolean isOnline(String member) {
        return members.stream().anyMatch(m -> m.serverName().equals(member) && m.isOnline())
                && servers.getOrDefault(member, Read.failed("not asked")).ok();
    }

    Read<NetworkState> state(String member, String name) {
        return states.getOrDefault(member, Map.of()).getOrDefault(name, Read.failed("not read"));
    }

    /** Reads the lab. Fails (IncusException) only when the daemon cannot be asked at all. */
    static LabView read(IncusClient client, Optional<Spec> spec) {
        return read(client, spec, early -> { });
    }

    /**
     * Reads the lab, and hands {@code early} a first view as soon as the members, the bridges and the instances
     * are known (the per-member states, pools, projects, volumes and profiles in it are empty, still being read):
     * what the probes need to start while the rest is read.
     */
    static LabView read(IncusClient client, Optional<Spec> spec, java.util.function.Consumer<LabView> early) {
        List<ClusterMember> members = client.cluster().members();
        boolean clustered = client.cluster().isClustered();
        List<String> listedOnline = members.stream().filter(ClusterMember::isOnline).map(ClusterMember::serverName)
                .toList();
        try (Reads reads = new Reads()) {
            var networksF = reads.submit(() -> client.networks().list(null));
            var poolsF = reads.submit(() -> client.storage().pools());
            var projectsF = reads.submit(() -> client.projects().list());
            var instancesF = reads.submit(() -> Read.of(() -> client.instances().listAllProjects(client.projects())));
            // a member the cluster still lists Online may not answer (killed less than the heartbeat timeout ago):
            // ask each one first, and read per-member data only from those that answer
            Map<String, Future<Read<ServerInfo>>> serversF = new LinkedHashMap<>();
            for (String m : listedOnline) {
                serversF.put(m, reads.submit(() -> Read.of(() -> clustered
                        ? client.cluster().server(m)
                        : client.server())));
            }
            Map<String, Read<ServerInfo>> servers = Reads.all(serversF);
            List<String> online = listedOnline.stream().filter(m -> servers.get(m).ok()).toList();
            Map<String, Future<Read<List<StoragePool>>>> memberPoolsF = new LinkedHashMap<>();
            for (String m : online) {
                memberPoolsF.put(m, reads.submit(() -> Read.of(() -> clustered
                        ? client.storage().poolsOnMember(m) : client.storage().pools())));
            }
            List<Network> bridges = Reads.get(networksF).stream()
                    .filter(n -> n.managed() && "bridge".equals(n.type())).toList();
            early.accept(new LabView(members, clustered, servers, bridges, Map.of(), Map.of(), List.of(), Map.of(),
                    Map.of(), Reads.get(instancesF), List.of(), Map.of(), Map.of(), spec));
            List<StoragePool> pools = Reads.get(poolsF);
            // bridge.external_interfaces is a member key: one GET per bridge and member (LXD 5.0.2 leaves member
            // keys out of the list call, even with ?target=); not needed where the spec names the interface
            Map<String, Map<String, Future<Read<Network>>>> memberNetsF = new LinkedHashMap<>();
            for (Network b : bridges) {
                if (spec.flatMap(s -> s.network(b.name())).flatMap(n -> n.iface()).isPresent()) {
                    continue;
                }
                Map<String, Future<Read<Network>>> perMember = new LinkedHashMap<>();
                for (String m : online) {
                    perMember.put(m, reads.submit(() -> Read.of(() -> client.networks().get(null, b.name(),
                            clustered ? m : null).value())));
                }
                memberNetsF.put(b.name(), perMember);
            }

            // which VLAN interface belongs to which bridge, per member
            Map<String, Map<String, List<String>>> vlans = new LinkedHashMap<>();
            Set<String> names = new LinkedHashSet<>();
            bridges.forEach(b -> names.add(b.name()));
            spec.ifPresent(s -> s.networks().forEach(n -> names.add(n.name())));
            for (String net : names) {
                Map<String, List<String>> perMember = new LinkedHashMap<>();
                Optional<String> fromSpec = spec.flatMap(s -> s.network(net)).flatMap(n -> n.iface());
                List<String> where = placement(net, spec, bridges);
                for (String m : online) {
                    if (!where.isEmpty() && !where.contains(m)) {
                        continue;
                    }
                    Future<Read<Network>> onMember = memberNetsF.getOrDefault(net, Map.of()).get(m);
                    List<String> ifaces = fromSpec.map(List::of).orElseGet(() -> onMember == null ? List.of()
                            : Reads.get(onMember).get().map(n -> split(n.config()
                                    .getOrDefault("bridge.external_interfaces", ""))).orElse(List.of()));
                    perMember.put(m, ifaces);
                }
                vlans.put(net, perMember);
            }

            Map<String, Map<String, Future<Read<NetworkState>>>> statesF = new LinkedHashMap<>();
            for (String m : online) {
                Map<String, Future<Read<NetworkState>>> perMember = new LinkedHashMap<>();
                for (String net : names) {
                    if (!vlans.get(net).containsKey(m)) {
                        continue; // the bridge is not meant to be on this member
                    }
                    perMember.computeIfAbsent(net, n -> reads.submit(() -> Read.of(() -> state(client, n, m,
                            clustered))));
                    for (String iface : vlans.get(net).get(m)) {
                        perMember.computeIfAbsent(iface, n -> reads.submit(() -> Read.of(() -> state(client, n, m,
                                clustered))));
                    }
                }
                statesF.put(m, perMember);
            }
            Map<String, Map<String, Future<Read<PoolResources>>>> resourcesF = new LinkedHashMap<>();
            for (StoragePool p : pools) {
                Map<String, Future<Read<PoolResources>>> perMember = new LinkedHashMap<>();
                for (String m : online) {
                    perMember.put(m, reads.submit(() -> Read.of(() -> client.storage().resources(p.name(),
                            clustered ? m : null))));
                }
                resourcesF.put(p.name(), perMember);
            }
            Map<String, Future<Read<List<StorageVolume>>>> volumesF = new LinkedHashMap<>();
            spec.ifPresent(s -> s.instances().forEach(i -> i.settings().disks().forEach(d -> volumesF
                    .computeIfAbsent(i.project() + "/" + d.pool(), k -> reads.submit(() -> Read.of(() -> client
                            .storage().volumes(i.project(), d.pool())))))));
            Map<String, Future<Read<List<Profile>>>> profilesF = new LinkedHashMap<>();
            for (Project p : Reads.get(projectsF)) {
                if (p.name().equals("default") || Privilege.isTrue(p.config().get("features.profiles"))) {
                    profilesF.put(p.name(), reads.submit(() -> Read.of(() -> client.projects().profiles(p.name()))));
                }
            }
            return new LabView(members, clustered, servers, bridges, vlans, Reads.all2(statesF), pools,
                    Reads.all(memberPoolsF), Reads.all2(resourcesF), Reads.get(instancesF), Reads.get(projectsF),
                    Reads.all(volumesF), Reads.all(profilesF), spec);
        }
    }

    private static NetworkState state(IncusClient client, String name, String member, boolean clustered) {
        return client.networks().state(name, clustered ? member : null);
    }

    /**
     * The members a bridge should be on: the spec's {@code hosts} for the network, else the members the daemon lists
     * as its locations; empty means every member.
     */
    private static List<String> placement(String net, Optional<Spec> spec, List<Network> bridges) {
        List<String> fromSpec = spec.flatMap(s -> s.network(net)).map(n -> n.hosts()).orElse(List.of());
        if (!fromSpec.isEmpty()) {
            return fromSpec;
        }
        if (spec.flatMap(s -> s.network(net)).isPresent()) {
            return List.of();
        }
        return bridges.stream().filter(b -> b.name().equals(net)).findFirst().map(Network::locations)
                .orElse(List.of());
    }

    static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A small pool of virtual threads with at most {@link #PARALLEL_READS} requests in flight. */
    private static final class Reads implements AutoCloseable {
        private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        private final Semaphore slots = new Semaphore(PARALLEL_READS);

        <T> Future<T> submit(Supplier<T> read) {
            return executor.submit(() -> {
                slots.acquireUninterruptibly();
                try {
                    return read.get();
                } finally {
                    slots.release();
                }
            });
        }

        static <T> T get(Future<T> f) {
            return Futures.join(f, "reading the lab");
        }

        static <T> Map<String, T> all(Map<String, Future<T>> futures) {
            Map<String, T> out = new LinkedHashMap<>();
            futures.forEach((k, f) -> out.put(k, get(f)));
            return out;
        }

        static <T> Map<String, Map<String, T>> all2(Map<String, Map<String, Future<T>>> futures) {
            Map<String, Map<String, T>> out = new LinkedHashMap<>();
            futures.forEach((k, inner) -> out.put(k, all(inner)));
            return out;
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
