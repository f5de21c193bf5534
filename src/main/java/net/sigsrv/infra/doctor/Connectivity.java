package net.sigsrv.infra.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import net.sigsrv.infra.diag.Futures;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Instances.ExecResult;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.InstanceState;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkState;

/**
 * Steps 1–3 of the cross-host workflow: every running instance's NIC is on the right network with an address; from
 * one instance per bridge and member, the gateway answers ping; and one instance per member reaches the others over
 * each bridge. Where a member has no running instance with an address on a bridge, a short-lived probe container
 * stands in ({@link Probes}). Pings run inside the instances through the exec API (recorded output, no websocket).
 */
final class Connectivity implements AutoCloseable {

    /** One instance (or probe) on one member with an IPv4 address on one bridge. */
    record Endpoint(String project, String name, String member, String address, boolean probe) {
        String label() {
            return (probe ? "probe " : "") + (project.equals("default") || probe ? name : project + "/" + name)
                    + " (" + member + ", " + address + ")";
        }
    }

    private final IncusClient client;
    /** The early view of the lab (members, bridges, instances) until {@link #run} brings the full one. */
    private LabView lab;
    private final Doctor.Options options;
    private final Phases phases;
    private final List<Instance> instances;
    private final Map<String, Map<String, Endpoint>> endpoints;
    private final Map<String, List<String>> needed;
    private final Probes probes;
    private final CompletableFuture<Map<String, Map<String, Probes.Outcome>>> placing = new CompletableFuture<>();
    /** The removal of probes left by earlier runs ({@link Probes#sweep}), beside everything else. */
    private final CompletableFuture<Void> sweeping = new CompletableFuture<>();

    /**
     * Picks the endpoints from {@code early} (a first view of the lab: members, bridges, instances) and starts the
     * probes that are missing, in the background: they boot while the rest of the lab is read and checked. {@link
     * #run} pings; {@link #close} removes the probes.
     */
    private Connectivity(IncusClient client, LabView early, Doctor.Options options, Phases phases) {
        this.client = client;
        this.lab = early;
        this.options = options;
        this.phases = phases;
        this.instances = early.instances().get().orElse(List.of()).stream()
                .filter(i -> !Doctor.PROBE_PROJECT.equals(i.project())).toList();
        this.endpoints = new LinkedHashMap<>();
        for (Network b : early.bridges()) {
            Map<String, Endpoint> perMember = new LinkedHashMap<>();
            for (String m : early.memberNames()) {
                if (early.isOnline(m)) {
                    endpointOn(instances, b.name(), m).ifPresent(e -> perMember.put(m, e));
                }
            }
            endpoints.put(b.name(), perMember);
        }
        Map<String, String> gateways = new LinkedHashMap<>();
        Map<String, String> ranges = new LinkedHashMap<>();
        Set<String> reservable = new HashSet<>();
        early.bridges().forEach(b -> {
            gateways.put(b.name(), b.config().getOrDefault("ipv4.address", ""));
            if (b.config().containsKey("ipv4.dhcp.ranges")) {
                ranges.put(b.name(), b.config().get("ipv4.dhcp.ranges"));
            }
            if (!"false".equals(b.config().getOrDefault("ipv4.dhcp", "true"))) {
                reservable.add(b.name());
            }
        });
        Set<String> inUse = new HashSet<>();
        early.instances().get().orElse(List.of()).forEach(i -> {
            if (i.state() != null) {
                i.state().network().values().forEach(n -> n.addresses().forEach(a -> inUse.add(a.address())));
            }
            i.expandedDevices().values().forEach(d -> {
                if (d.containsKey("ipv4.address")) {
                    inUse.add(d.get("ipv4.address"));
                }
            });
        });
        this.probes = new Probes(client, options.probeImage(), options.progress(), new FixedAddresses(gateways,
                ranges, inUse), reservable, phases);
        this.needed = new LinkedHashMap<>();
        if (options.probes()) {
            List<Instance> all = early.instances().get().orElse(List.of());
            Thread.ofVirtual().name("doctor-probe-sweep").start(() -> {
                try {
                    probes.sweep(all);
                } finally {
                    sweeping.complete(null);
                }
            });
        } else {
            sweeping.complete(null);
        }
        if (!pingsSelected(options)) {
            placing.complete(Map.of());
            return;
        }
        for (Network b : early.bridges()) {
            List<String> missing = early.memberNames().stream().filter(early::isOnline)
                    .filter(m -> !endpoints.get(b.name()).containsKey(m)).toList();
            boolean worthIt = options.selected(Check.GATEWAY_PING) || options.selected(Check.DHCP_DNS)
                    || early.memberNames().stream().filter(early::isOnline).count() > 1;
            if (!missing.isEmpty() && worthIt && options.probes()) {
                needed.put(b.name(), missing);
            }
        }
        if (needed.isEmpty()) {
            placing.complete(Map.of());
        } else {
            Thread.ofVirtual().name("doctor-probes").start(() -> {
                try {
                    placing.complete(probes.place(needed, early.clustered()));
                } catch (RuntimeException | Error e) {
                    placing.completeExceptionally(e);
                }
            });
        }
    }

    /** Whether any check that pings is selected (else no endpoint or probe is needed). */
    static boolean pingsSelected(Doctor.Options options) {
        return options.selected(Check.GATEWAY_PING) || options.selected(Check.CROSS_HOST_PING)
                || options.selected(Check.PATH_MTU) || options.selected(Check.DHCP_DNS);
    }

    /** Starts the probes {@code early} shows are needed (see the constructor); close it to remove them. */
    static Connectivity begin(IncusClient client, LabView early, Doctor.Options options, Phases phases) {
        return new Connectivity(client, early, options, phases);
    }

    /** The NIC checks, and the pings over every bridge (once the probes it needs are up), on the full view. */
    List<Finding> run(LabView full) {
        this.lab = full;
        return checks();
    }

    /**
     * Asks for the removal of the probes this run made (once they are placed), and makes sure the requests removing
     * earlier runs' leftovers were sent; waits for neither removal to finish.
     */
    @Override
    public void close() {
        try {
            placing.join();
        } catch (RuntimeException e) {
            // placing failed: whatever it made is in probes' list all the same
        }
        probes.close();
        sweeping.join();
    }

    private List<Finding> checks() {
        List<Finding> out = new ArrayList<>();
        if (!lab.instances().ok()) {
            out.add(Finding.of(Check.INSTANCE_NIC, "", "instances").evidence(lab.instances().error()).unreadable()
                    .error("cannot list the instances"));
        }
        if (options.selected(Check.INSTANCE_NIC)) {
            out.addAll(NicCheck.run(lab, instances));
        }
        if (!pingsSelected(options)) {
            return out;
        }
        // probes take seconds to boot: ping over the bridges that need none meanwhile
        try (Phases.Span s = phases.begin("pings from instances")) {
            out.addAll(pingsWithFullSize(endpoints, net -> !needed.containsKey(net)));
        }
        Map<String, Map<String, Probes.Outcome>> made;
        try (Phases.Span s = phases.begin("waiting for probes")) {
            made = placing.join();
        }
        made.forEach((net, perMember) -> perMember.forEach((m, o) -> {
            if (o.endpoint().isPresent()) {
                endpoints.get(net).put(m, o.endpoint().get());
            } else {
                out.add(Finding.of(Check.CROSS_HOST_PING, m, net).network(net).evidence(o.note()).unreadable()
                        .remedy(Remedy.say("Make sure image '" + options.probeImage() + "' (with sh, ip and"
                                + " ping) exists, or start an instance on " + net + " on " + m + "."))
                        .warn("no probe on " + net + " on " + m));
            }
        }));
        try (Phases.Span s = phases.begin("pings from probes")) {
            out.addAll(pingsWithFullSize(endpoints, needed::containsKey));
        }
        return out;
    }

    /**
     * {@link #pings} and, at the same time, the full-size pings ({@link PathMtu}) over the bridges {@code which}
     * accepts; a full-size result is kept only where the small ping between the same members passed (else that
     * finding says it all), so the second probe costs no extra round.
     */
    private List<Finding> pingsWithFullSize(Map<String, Map<String, Endpoint>> endpoints, Predicate<String> which) {
        if (!options.selected(Check.PATH_MTU)) {
            return pings(endpoints, which);
        }
        Map<String, Map<String, Endpoint>> some = new LinkedHashMap<>();
        endpoints.forEach((net, perMember) -> {
            if (which.test(net)) {
                some.put(net, perMember);
            }
        });
        CompletableFuture<List<Finding>> full = new CompletableFuture<>();
        Thread.ofVirtual().name("doctor-path-mtu").start(() -> {
            try {
                full.complete(new PathMtu(client, lab).run(some));
            } catch (RuntimeException | Error e) {
                full.completeExceptionally(e);
            }
        });
        List<Finding> out = new ArrayList<>(pings(endpoints, which));
        out.addAll(PathMtu.whereSmallPingsPassed(full.join(), out));
        return out;
    }

    /** The gateway and cross-host pings over the bridges {@code which} accepts, in parallel. */
    private List<Finding> pings(Map<String, Map<String, Endpoint>> endpoints,
                                Predicate<String> which) {
        List<Future<Finding>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Network b : lab.bridges()) {
                if (!which.test(b.name())) {
                    continue;
                }
                Map<String, Endpoint> perMember = endpoints.get(b.name());
                String gateway = b.config().getOrDefault("ipv4.address", "");
                if (options.selected(Check.GATEWAY_PING) && !gateway.isEmpty() && !gateway.equals("none")) {
                    String gw = gateway.replaceAll("/.*", "");
                    perMember.values().forEach(e -> futures.add(pool.submit(() -> gatewayPing(b.name(), e, gw))));
                }
                if (options.selected(Check.DHCP_DNS) && DhcpDnsCheck.applies(b)) {
                    boolean incus = incus();
                    perMember.values().forEach(e -> futures.add(pool.submit(() -> DhcpDnsCheck.check(client, lab, b,
                            e, incus))));
                }
                if (options.selected(Check.CROSS_HOST_PING)) {
                    List<Endpoint> list = new ArrayList<>(perMember.values());
                    for (int i = 0; i < list.size(); i++) {
                        for (int j = i + 1; j < list.size(); j++) {
                            Endpoint from = list.get(i);
                            Endpoint to = list.get(j);
                            futures.add(pool.submit(() -> crossHostPing(b.name(), from, to)));
                        }
                    }
                }
            }
            List<Finding> out = new ArrayList<>();
            for (Future<Finding> f : futures) {
                out.add(Futures.join(f, "pinging"));
            }
            return out;
        }
    }

    /** Whether the daemon is Incus (its DNS domain defaults to {@code incus}; LXD's to {@code lxd}). */
    private boolean incus() {
        return lab.servers().values().stream().flatMap(r -> r.get().stream())
                .anyMatch(s -> s.environment() != null && "incus".equals(s.environment().server()));
    }

    /** Evidence of a failed ping naming an instance at one end ({@link RootCauses} links its NIC findings). */
    static final String ENDPOINT = "instance at one end: ";

    /** Who an endpoint is, as {@link NicCheck} names instances ({@code project/name}, or the name in default). */
    static String who(Endpoint e) {
        return e.project().equals("default") || e.probe() ? e.name() : e.project() + "/" + e.name();
    }

    private Finding gatewayPing(String net, Endpoint from, String gateway) {
        Finding.Builder f = Finding.of(Check.GATEWAY_PING, from.member(), net).network(net);
        String result = ping(from, gateway, f);
        if (result.isEmpty()) {
            return f.ok(from.label() + " reaches gateway " + gateway + " of " + net);
        }
        f.evidence(ENDPOINT + who(from));
        return f.remedy(Remedy.say("Check the address of " + from.name() + " and the bridge " + net + " on "
                + from.member() + " (`ip addr show " + net + "` there).")).error(from.name() + " on " + from.member()
                + " cannot reach gateway " + gateway + " of " + net + result);
    }

    private Finding crossHostPing(String net, Endpoint from, Endpoint to) {
        Finding.Builder f = Finding.of(Check.CROSS_HOST_PING, "", net + ":" + from.member() + "→" + to.member())
                .network(net);
        if (from.address().equals(to.address())) {
            // a ping to its own address always answers: two members' DHCP servers that cannot see each other's
            // leases (the segment between them is broken) hand out the same address on both sides
            return f.evidence(from.label() + " and " + to.label() + " hold the same address")
                    .remedy(Remedy.say("Fix the bridge or VLAN interface of " + net + " on " + from.member() + " or "
                            + to.member() + " (see the checks network-bridge-attached and network-vlan-*); the"
                            + " members' DHCP servers do not see each other's leases."))
                    .error(from.name() + " on " + from.member() + " and " + to.name() + " on " + to.member()
                            + " both hold " + to.address() + " on " + net + ": the segment between the members is"
                            + " split");
        }
        String result = ping(from, to.address(), f);
        if (result.isEmpty()) {
            return f.ok(from.label() + " reaches " + to.label() + " over " + net);
        }
        List.of(from, to).stream().filter(e -> !e.probe()).forEach(e -> f.evidence(ENDPOINT + who(e)));
        return f.remedy(Remedy.say("Fix the bridge or VLAN interface of " + net + " on " + from.member() + " or "
                + to.member() + " (see the checks network-bridge-attached and network-vlan-*)."))
                .error(from.name() + " on " + from.member() + " cannot reach " + to.name() + " on " + to.member()
                        + " over " + net + result);
    }

    /** Pings once (once more on failure, to ride out a lost first packet); "" when answered, else why not. */
    private String ping(Endpoint from, String address, Finding.Builder f) {
        String last = "";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                ExecResult r = exec(client, from, List.of("ping", "-c", "1", "-W", "2", address));
                String out = (r.stdout() + r.stderr()).strip();
                String lastLine = out.lines().reduce((a, b) -> b).orElse("");
                if (r.exitCode() == 0) {
                    f.evidence("in " + from.name() + ": ping -c 1 " + address + " → " + lastLine);
                    return "";
                }
                last = "ping -c 1 " + address + " in " + from.name() + " exited " + r.exitCode() + ": "
                        + out.lines().filter(l -> l.contains("packets") || l.contains("bad") || l.contains("ping:"))
                        .findFirst().orElse(lastLine);
            } catch (IncusException e) {
                last = "exec in " + from.name() + " failed: " + e.getMessage();
            }
        }
        f.evidence(last);
        return last.contains("exec in") ? ": cannot run ping there" : ": no answer";
    }

    private Optional<Endpoint> endpointOn(List<Instance> instances, String net, String member) {
        for (Instance i : instances) {
            if (!i.isRunning() || (lab.clustered() && !member.equals(i.location())) || i.state() == null) {
                continue;
            }
            for (Map.Entry<String, Map<String, String>> d : i.expandedDevices().entrySet()) {
                if (NicCheck.isNicOn(d.getValue(), net)) {
                    Optional<String> address = ipv4(i.state(), d.getValue().getOrDefault("name", d.getKey()));
                    if (address.isPresent()) {
                        return Optional.of(new Endpoint(i.project(), i.name(), member, address.get(), false));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The global IPv4 address of {@code iface} in an instance's state, if any. */
    static Optional<String> ipv4(InstanceState state, String iface) {
        NetworkState n = state == null ? null : state.network().get(iface);
        if (n == null) {
            return Optional.empty();
        }
        return n.addresses().stream().filter(a -> "inet".equals(a.family()) && "global".equals(a.scope()))
                .map(NetworkState.Address::address).findFirst();
    }

    /**
     * Runs {@code command} in an endpoint (20 s at most). A probe's recorded output is left on its member: the probe
     * is deleted with it in a moment, and the exec costs one round trip less.
     */
    static ExecResult exec(IncusClient client, Endpoint from, List<String> command) {
        return client.instances().exec(from.project(), from.name(), command, Duration.ofSeconds(20), !from.probe());
    }

    /** The live state of one instance ({@code GET …/state}). */
    static InstanceState state(IncusClient client, String project, String name) {
        return client.instances().state(project, name);
    }
}
