package net.sigsrv.infra.doctor;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Instances.ExecResult;

/**
 * Short-lived probe containers for the ping checks, in the doctor's own project ({@link Doctor#PROBE_PROJECT},
 * marked {@code user.sigsrv-infra.doctor=probes}, made when missing): one per bridge and member that has no running
 * instance with an address there. A probe waits for no DHCP lease: it is given a free address ({@link
 * FixedAddresses}) — reserved on its NIC ({@code ipv4.address}) where the bridge serves DHCP, so that the member's
 * dnsmasq hands it to nobody else — and sets it itself right after it starts. Its NIC is {@link #NIC}, not {@code
 * eth0}: the image's DHCP client (busybox's init runs {@code udhcpc} on eth0) would flush an address set by hand
 * whenever it starts, and under load it starts after the probe's first exec. Only a probe that cannot set it (no
 * shell or no {@code ip} in the image) waits up to {@link #LEASE_WAIT} for a lease.
 * Probes are ephemeral: stopping one deletes it. {@link #close} asks for the stop of every probe this run made, also
 * after a failure, and does not wait for it: the daemon stops and deletes them after the doctor has exited. The
 * project stays between runs (it is the doctor's own: no spec, plan or check looks at it). Each probe is marked
 * with the time after which it is a leftover ({@link #UNTIL}): one still there then (its run died, or its stop
 * failed) is removed by the next run's {@link #sweep}, which does not wait either.
 */
final class Probes implements AutoCloseable {

    static final Duration LEASE_WAIT = Duration.ofSeconds(8);

    /** The mark of a probe: the epoch second after which no run uses it any more (a leftover from then on). */
    static final String UNTIL = "user.sigsrv-infra.doctor.until";

    /** How long a run may use its probes: far beyond a run's longest waits (exec timeouts, the lease wait). */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    /** A probe on one member: its endpoint (the note says when it has a fixed address), or why there is none. */
    record Outcome(Optional<Connectivity.Endpoint> endpoint, String note) {
    }

    private final IncusClient client;
    private final String image;
    private final Doctor.Progress progress;
    private final String token = token();
    private final ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
    private boolean projectReady;

    private final FixedAddresses addresses;
    private final Set<String> reservable;
    private final Phases phases;

    /**
     * @param reservable the bridges whose DHCP serves reservations ({@code ipv4.dhcp} not off): a probe's address
     *                   is reserved on its NIC there
     */
    Probes(IncusClient client, String image, Doctor.Progress progress, FixedAddresses addresses,
           Set<String> reservable, Phases phases) {
        this.client = client;
        this.image = image;
        this.progress = progress;
        this.addresses = addresses;
        this.reservable = Set.copyOf(reservable);
        this.phases = phases;
    }

    /** Places a probe for every (bridge, member) in {@code needed}, in parallel. */
    Map<String, Map<String, Outcome>> place(Map<String, List<String>> needed, boolean clustered) {
        int count = needed.values().stream().mapToInt(List::size).sum();
        progress.step("starting " + count + " probe container(s) in project " + Doctor.PROBE_PROJECT);
        Map<String, Map<String, Outcome>> out = new LinkedHashMap<>();
        try {
            ensureProject();
        } catch (IncusException e) {
            needed.forEach((net, members) -> members.forEach(m -> out.computeIfAbsent(net, k -> new LinkedHashMap<>())
                    .put(m, new Outcome(Optional.empty(), "cannot make project " + Doctor.PROBE_PROJECT + ": "
                            + e.getMessage()))));
            return out;
        }
        Map<String, Map<String, Future<Outcome>>> futures = new LinkedHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int n = 0;
            for (Map.Entry<String, List<String>> e : needed.entrySet()) {
                for (String m : e.getValue()) {
                    String name = "doctor-" + token + "-" + n++;
                    futures.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(m, pool.submit(() ->
                            probe(e.getKey(), m, name, clustered)));
                }
            }
            futures.forEach((net, perMember) -> perMember.forEach((m, f) -> {
                Outcome o;
                try {
                    o = f.get();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    o = new Outcome(Optional.empty(), "interrupted");
                } catch (java.util.concurrent.ExecutionException ex) {
                    o = new Outcome(Optional.empty(), String.valueOf(ex.getCause().getMessage()));
                }
                out.computeIfAbsent(net, k -> new LinkedHashMap<>()).put(m, o);
            }));
        }
        return out;
    }

    private Outcome probe(String net, String member, String name, boolean clustered) {
        try (Phases.Span span = phases.begin("probe " + net + "@" + member)) {
            Optional<String> cidr = addresses.next(net);
            try (Phases.Span s = phases.begin("probe start " + net + "@" + member)) {
                start(net, member, name, clustered, cidr.filter(c -> reservable.contains(net))
                        .map(c -> c.substring(0, c.indexOf('/'))));
            }
            if (cidr.isPresent() && assign(name, cidr.get())) {
                return new Outcome(Optional.of(new Connectivity.Endpoint(Doctor.PROBE_PROJECT, name, member,
                        cidr.get().substring(0, cidr.get().indexOf('/')), true)), "a fixed address");
            }
            // no shell or no ip in the image: only DHCP can give it an address
            Optional<String> address = lease(name, LEASE_WAIT);
            if (address.isPresent()) {
                return new Outcome(Optional.of(new Connectivity.Endpoint(Doctor.PROBE_PROJECT, name, member,
                        address.get(), true)), "");
            }
            return new Outcome(Optional.empty(), "probe " + name + " on " + member + " got no IPv4 address on " + net
                    + (cidr.isEmpty() ? " (no free address of its subnet to give it)" : " (it could not set "
                    + cidr.get() + " itself)") + " and no DHCP lease within " + LEASE_WAIT.toSeconds() + " s");
        } catch (IncusException e) {
            return new Outcome(Optional.empty(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Optional.empty(), "interrupted");
        }
    }

    /**
     * Gives the probe's NIC {@code cidr} (passed as an argument, never pasted into the script) and sets it up. False
     * where the image cannot (no shell or no {@code ip}).
     */
    private boolean assign(String name, String cidr) {
        try (Phases.Span s = phases.begin("probe address " + name)) {
            ExecResult r = client.instances().exec(Doctor.PROBE_PROJECT, name, List.of("sh", "-c", ASSIGN, "sh",
                    cidr, NIC), Duration.ofSeconds(20), false);
            return r.exitCode() == 0;
        } catch (IncusException e) {
            return false;
        }
    }

    /** The script of {@link #assign}: {@code $1} is the address in CIDR form, {@code $2} the NIC. */
    private static final String ASSIGN = "ip addr add \"$1\" dev \"$2\" && ip link set \"$2\" up";

    /** The probe's NIC inside the container: a name no DHCP client of the image looks after. */
    static final String NIC = "probe0";

    private void start(String net, String member, String name, boolean clustered, Optional<String> reserve) {
        made.add(name);
        Map<String, String> nic = new LinkedHashMap<>(Map.of("type", "nic", "network", net, "name", NIC));
        reserve.ifPresent(a -> nic.put("ipv4.address", a));
        client.instances().create(Doctor.PROBE_PROJECT, InstanceCreate.container(name, image)
                .withConfig(Map.of("user.sigsrv-infra.doctor", "probe", UNTIL, String.valueOf(java.time.Instant
                        .now().plus(LIFETIME).getEpochSecond())))
                .withDevices(Map.of(NIC, nic)).asEphemeral(), clustered ? member : null, true);
    }

    private Optional<String> lease(String name, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> address = Connectivity.ipv4(Connectivity.state(client, Doctor.PROBE_PROJECT, name),
                    NIC);
            if (address.isPresent()) {
                return address;
            }
            Thread.sleep(200);
        }
        return Optional.empty();
    }

    private void ensureProject() {
        if (projectReady) {
            return;
        }
        try {
            client.projects().create(Doctor.PROBE_PROJECT, "Probe containers of infra doctor (the doctor's own:"
                    + " kept between runs, its probes removed after each)", Map.of("features.images", "false", "features.profiles", "false",
                    "features.storage.volumes", "false", "user.sigsrv-infra.doctor", "probes"));
        } catch (IncusException e) {
            if (e.kind() != IncusException.Kind.CONFLICT && !e.getMessage().contains("already exists")) {
                throw e;
            }
        }
        projectReady = true;
    }

    /**
     * Removes the leftovers among {@code instances} (a list of the lab's instances): those in the probe project whose
     * mark ({@link #UNTIL}) is missing or past. A running one is stopped (being ephemeral, the daemon then deletes
     * it), any other deleted; neither is waited for. Probes of other runs still in use are left alone.
     */
    void sweep(List<net.sigsrv.infra.incus.api.Instance> instances) {
        long now = java.time.Instant.now().getEpochSecond();
        List<net.sigsrv.infra.incus.api.Instance> left = instances.stream()
                .filter(i -> Doctor.PROBE_PROJECT.equals(i.project()) && leftover(i, now)).toList();
        if (left.isEmpty()) {
            return;
        }
        progress.step("removing " + left.size() + " probe container(s) left by earlier runs");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (net.sigsrv.infra.incus.api.Instance i : left) {
                pool.submit(() -> {
                    try {
                        if (i.isRunning()) {
                            client.instances().requestState(Doctor.PROBE_PROJECT, i.name(), "stop", true);
                        } else {
                            client.instances().requestDelete(Doctor.PROBE_PROJECT, i.name());
                        }
                    } catch (IncusException e) {
                        progress.step("could not remove probe " + i.name() + " in project " + Doctor.PROBE_PROJECT
                                + ": " + e.getMessage());
                    }
                });
            }
        }
    }

    /** Whether a probe's run is over: its {@link #UNTIL} mark is past, missing or unreadable. */
    static boolean leftover(net.sigsrv.infra.incus.api.Instance probe, long nowEpochSecond) {
        String until = probe.config() == null ? null : probe.config().get(UNTIL);
        try {
            return until == null || Long.parseLong(until) < nowEpochSecond;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    @Override
    public void close() {
        if (made.isEmpty()) {
            return;
        }
        progress.step("removing " + made.size() + " probe container(s)");
        try (Phases.Span s = phases.begin("probes removed"); ExecutorService pool =
                Executors.newVirtualThreadPerTaskExecutor()) {
            for (String name : made) {
                pool.submit(() -> remove(name));
            }
        }
    }

    /**
     * Asks for the probe's stop, which deletes it (it is ephemeral), and returns once the daemon has taken the
     * request. Where the daemon refuses the stop (a probe created but never started), asks for its deletion.
     */
    private void remove(String name) {
        try {
            try {
                client.instances().requestState(Doctor.PROBE_PROJECT, name, "stop", true);
                return;
            } catch (IncusException e) {
                if (e.kind() == IncusException.Kind.NOT_FOUND) {
                    return;
                }
            }
            client.instances().requestDelete(Doctor.PROBE_PROJECT, name);
        } catch (IncusException e) {
            if (e.kind() != IncusException.Kind.NOT_FOUND) {
                progress.step("could not remove probe " + name + " in project " + Doctor.PROBE_PROJECT + ": "
                        + e.getMessage() + " (the next run removes it)");
            }
        }
    }

    private static String token() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
