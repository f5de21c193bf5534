package net.sigsrv.infra.doctor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.spec.model.Spec;

/**
 * The doctor's one entry point: read the lab, run the selected checks, link symptoms to their root causes, and
 * return a {@link Report}. With a spec it also checks what should be there; without one, what is there.
 */
public final class Doctor {

    /** The doctor's own project for its probe containers, kept between runs (no spec, plan or check looks at it). */
    public static final String PROBE_PROJECT = "infra-doctor";

    /** Where progress goes (stderr in the CLI); the engine never prints. */
    @FunctionalInterface
    public interface Progress {
        void step(String message);

        Progress NONE = m -> { };
    }

    /**
     * What to run. {@code checks} are the selected checks; {@code host}, when given, keeps only findings about that
     * host (and the lab-wide ones); {@code probes} allows probe containers (image {@code probeImage}).
     */
    public record Options(Set<Check> checks, Optional<String> host, boolean probes, String probeImage,
                          Progress progress) {

        public Options {
            checks = checks.isEmpty() ? EnumSet.noneOf(Check.class) : EnumSet.copyOf(checks);
        }

        public static Options all() {
            return new Options(EnumSet.allOf(Check.class), Optional.empty(), true, "busybox", Progress.NONE);
        }

        public Options withChecks(Set<Check> selected) {
            return new Options(selected, host, probes, probeImage, progress);
        }

        public Options withHost(Optional<String> h) {
            return new Options(checks, h, probes, probeImage, progress);
        }

        public Options withProbes(boolean allowed, String image) {
            return new Options(checks, host, allowed, image, progress);
        }

        public Options withProgress(Progress p) {
            return new Options(checks, host, probes, probeImage, p);
        }

        boolean selected(Check c) {
            return checks.contains(c);
        }

        boolean any(Area a) {
            return checks.stream().anyMatch(c -> c.area() == a);
        }
    }

    private Doctor() {
    }

    public static Report run(IncusClient client, Optional<Spec> spec, Options options) {
        long start = System.nanoTime();
        long calls = client.requests();
        Phases phases = new Phases();
        options.progress().step("reading the lab");
        boolean connectivity = options.any(Area.NETWORK) && (options.selected(Check.INSTANCE_NIC)
                || Connectivity.pingsSelected(options));
        // the probes are the slowest part: they start as soon as the bridges and instances are known, and boot
        // while the rest of the lab is read and checked
        AtomicReference<Connectivity> probing = new AtomicReference<>();
        try {
            LabView lab;
            try (Phases.Span s = phases.begin("read")) {
                lab = LabView.read(client, spec, early -> {
                    if (connectivity) {
                        probing.set(Connectivity.begin(client, early, options, phases));
                    }
                });
            }
            CompletableFuture<List<Finding>> pings = CompletableFuture.completedFuture(List.of());
            if (probing.get() != null) {
                options.progress().step("checking instance connectivity (ping through exec)");
                pings = CompletableFuture.supplyAsync(() -> probing.get().run(lab), VIRTUAL);
            }
            List<Finding> found = new ArrayList<>();
            try (Phases.Span s = phases.begin("checks")) {
                found.addAll(checks(client, lab, options));
            }
            found.addAll(join(pings));
            List<Finding> selected = found.stream().filter(f -> options.selected(f.check())).toList();
            List<Finding> linked = RootCauses.link(selected);
            List<Finding> shown = linked.stream().filter(f -> options.host().isEmpty() || f.host().isEmpty()
                    || f.host().equals(options.host().get())).sorted(ORDER).toList();
            close(probing.getAndSet(null));
            return new Report(shown, Duration.ofNanos(System.nanoTime() - start), client.requests() - calls,
                    phases.spans());
        } finally {
            close(probing.get());
        }
    }

    /** Every check but the pings (which run beside them): reads of the view, and a few reads of their own. */
    private static List<Finding> checks(IncusClient client, LabView lab, Options options) {
        List<Finding> found = new ArrayList<>();
        if (options.any(Area.CLUSTER)) {
            found.addAll(ClusterChecks.run(lab));
        }
        if (options.any(Area.NETWORK)) {
            found.addAll(BridgeChecks.run(lab, ForeignBridges.read(client, lab)));
            found.addAll(SegmentMtu.run(lab));
            LeaseReads leases = new LeaseReads(client);
            if (options.selected(Check.INSTANCE_ADDRESS)) {
                found.addAll(ReservedAddressCheck.run(leases, lab));
            }
            if (options.selected(Check.DHCP_LEASES)) {
                found.addAll(LeaseConflicts.run(leases, lab));
            }
        }
        if (options.any(Area.STORAGE)) {
            found.addAll(StorageChecks.run(lab));
        }
        if (options.any(Area.SECURITY)) {
            found.addAll(SecurityChecks.run(lab));
        }
        return found;
    }

    private static final java.util.concurrent.Executor VIRTUAL = r -> Thread.ofVirtual().name("doctor-pings")
            .start(r);

    private static List<Finding> join(CompletableFuture<List<Finding>> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static void close(Connectivity c) {
        if (c != null) {
            c.close();
        }
    }

    private static final Comparator<Finding> ORDER = Comparator.comparing(Finding::area)
            .thenComparing(Finding::check)
            .thenComparing(Finding::host).thenComparing(Finding::subject);
}
