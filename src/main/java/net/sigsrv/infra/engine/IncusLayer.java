package net.sigsrv.infra.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.sigsrv.infra.apply.ChangeExecutor;
import net.sigsrv.infra.apply.ChangeOrder;
import net.sigsrv.infra.apply.Observer;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Desired;
import net.sigsrv.infra.plan.Differ;
import net.sigsrv.infra.plan.IncusKind;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Observed;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.PlanWarning;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.talos.nodes.ClusterResources;
import net.sigsrv.infra.talos.nodes.NodePlan;

/**
 * The Incus layer: projects, zones, ACLs, pools, networks, profiles, volumes and instances ({@link IncusKind}). It
 * observes the lab with bulk list calls ({@link Observer}), diffs it with the desired state ({@link Desired}, and
 * the Incus part of the spec's clusters: {@link ClusterResources} — node VMs, volumes, records — over the nodes
 * {@link NodePlan} derives, keeping the addresses their VMs already hold; {@link Differ}), orders its changes ({@link ChangeOrder}) and makes them ({@link ChangeExecutor}).
 *
 * <p>Applying needs the cluster members the plan was made for (a network's or pool's per-member parts are
 * prerequisites of it): the members this layer observed when it planned, else those given by {@link #onMembers}.
 */
public final class IncusLayer implements Layer {

    /** Spec hosts that are not members of the cluster: planning cannot place per-member parts on them. */
    public static final class UnknownHosts extends RuntimeException {
        UnknownHosts(String message) {
            super(message, null, false, false);
        }
    }

    private final IncusClient client;
    private final Observer observer;
    private final Optional<Duration> ipv4Lease;
    private volatile List<String> members;

    private IncusLayer(IncusClient client, Observer observer, Optional<Duration> ipv4Lease, List<String> members) {
        this.client = client;
        this.observer = observer;
        this.ipv4Lease = ipv4Lease;
        this.members = members;
    }

    /** The layer on {@code client}, observing with a new {@link Observer}. */
    public IncusLayer(IncusClient client) {
        this(client, new Observer(client));
    }

    /** The layer observing with {@code observer}, which may have {@linkplain Observer#start() started} already. */
    public IncusLayer(IncusClient client, Observer observer) {
        this(client, observer, Optional.empty(), null);
    }

    /** This layer, where every instance an apply starts also waits (up to this long) until it holds an IPv4 lease. */
    public IncusLayer waitingForIpv4(Optional<Duration> lease) {
        return new IncusLayer(client, observer, lease, members);
    }

    /** This layer, applying a plan it did not make itself: one made for these cluster members. */
    public IncusLayer onMembers(List<String> planned) {
        return new IncusLayer(client, observer, ipv4Lease, List.copyOf(planned));
    }

    @Override
    public boolean owns(Kind kind) {
        return kind instanceof IncusKind;
    }

    @Override
    public Part plan(Spec spec, Mode mode) {
        return switch (mode) {
            case APPLY -> converge(spec);
            case DESTROY -> destroy(spec);
        };
    }

    /** Against an empty desired lab: every owned object goes, but the protected instances and what they need. */
    private Part destroy(Spec spec) {
        long start = System.nanoTime();
        Observed observed = observer.observe(spec.lab());
        Duration observing = Duration.ofNanos(System.nanoTime() - start);
        Plan plan = Differ.diff(Map.of(), observed, List.of(), Desired.protectedInstances(spec));
        return part(plan, observed, observing);
    }

    private Part converge(Spec spec) {
        long start = System.nanoTime();
        Set<String> networks = spec.networks().stream().map(n -> n.name()).collect(Collectors.toSet());
        Set<String> pools = spec.storage().stream().map(p -> p.name()).collect(Collectors.toSet());
        Observed observed = observer.observe(spec.lab(), new Observer.PerMember(networks::contains,
                pools::contains));
        Duration observing = Duration.ofNanos(System.nanoTime() - start);
        boolean clustered = client.cluster().isClustered();
        if (clustered) {
            List<String> missing = spec.hostNames().stream().filter(h -> !observed.members().contains(h)).toList();
            if (!missing.isEmpty()) {
                throw new UnknownHosts("spec host" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " not a member of the cluster at "
                        + client.endpoint().describe() + " (members: " + String.join(", ", observed.members())
                        + "); the spec's host names must be the cluster's member names");
            }
        }
        List<PlanWarning> warnings = new ArrayList<>(Desired.warnings(spec, observed.members(), clustered));
        Map<Address, Resource> desired = new LinkedHashMap<>(Desired.of(spec,
                Desired.members(spec, observed.members(), clustered), clustered));
        NodePlan nodes = NodePlan.of(spec, ClusterResources.kept(observed.resources()));
        ClusterResources.of(spec, nodes, clustered).forEach(desired::putIfAbsent);
        nodes.problems().forEach(p -> warnings.add(new PlanWarning.Text(p)));
        observer.unreachable().forEach((member, why) -> {
            warnings.add(new PlanWarning.MemberUnreachable(member, why));
            desired.keySet().removeIf(a -> a.kind().isPerMember() && a.member().equals(member)
                    && observed.resources().containsKey(globalOf(a)));
        });
        observed.pending().stream().filter(a -> !desired.containsKey(a))
                .forEach(a -> warnings.add(new PlanWarning.PendingObject(a)));
        List<Address> unread = observer.unknown().stream().filter(desired::containsKey).sorted().toList();
        if (!unread.isEmpty()) {
            warnings.add(new PlanWarning.LeftOut(unread));
            unread.forEach(desired::remove);
        }
        return part(Differ.diff(desired, observed, warnings), observed, observing);
    }

    private Part part(Plan plan, Observed observed, Duration observing) {
        members = observed.members();
        return new Part(plan.changes(), plan.warnings(), plan.observedFingerprint(), observed.members(),
                observer.calls(), observing);
    }

    /** The global object a per-member part belongs to. */
    private static Address globalOf(Address perMember) {
        return Address.of(perMember.kind() == Kind.NETWORK_MEMBER ? Kind.NETWORK : Kind.POOL, perMember.name());
    }

    @Override
    public Run prepare(Plan plan) {
        List<String> planned = members;
        if (planned == null) {
            throw new IllegalStateException("the Incus layer applies a plan it did not make without knowing its"
                    + " cluster members: give them with onMembers()");
        }
        Map<Address, Change> byAddress = new HashMap<>();
        plan.changes().stream().filter(c -> !c.isBlocked() && owns(c.address().kind()))
                .forEach(c -> byAddress.put(c.address(), c));
        Map<String, Resource> defaultProfiles = ChangeOrder.defaultProfiles(plan, client);
        ChangeExecutor executor = new ChangeExecutor(client, ipv4Lease, byAddress);
        return new Run() {
            @Override
            public void order(List<Change> changes, Edges edges) {
                ChangeOrder.edges(changes, planned, defaultProfiles, edges::dependsOn);
            }

            @Override
            public void execute(Change change) {
                executor.execute(change);
            }
        };
    }
}
