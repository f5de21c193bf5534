package net.sigsrv.infra.spec.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Capacity;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Host;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Size;

/**
 * {@code size-zero} and {@code size-overflow}: every size the spec declares is above zero, and the sums the other
 * rules compare with limits and capacities fit in the 64-bit byte count they are made in. A sum past it would wrap
 * around (two sizes of 7EiB add up to a negative number, under every limit); here such a sum is an error, and
 * {@link #add} keeps the other rules' sums from wrapping at all.
 */
final class SizeRules implements SpecValidator.Rules {

    /** The largest byte count a sum can hold; a saturated sum is shown as "8EiB or more". */
    static final long MAX = Long.MAX_VALUE;

    @Override
    public void check(Spec spec, Report report) {
        zeros(spec, report);
        overflows(spec, report);
    }

    /** {@code a + b}, or {@link #MAX} when the sum does not fit (sizes are never negative). */
    static long add(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? MAX : sum;
    }

    /** A byte count for messages; a saturated sum reads "8EiB or more". */
    static String show(long bytes) {
        return bytes == MAX ? "8EiB or more" : Size.format(bytes);
    }

    private static void zeros(Spec spec, Report report) {
        for (Host h : spec.hosts()) {
            h.capacity().ifPresent(c -> {
                zero(report, "host " + h.name(), "capacity memory", c.memory(), c.loc().of("memory"));
                c.disks().forEach((pool, size) -> zero(report, "host " + h.name(), "capacity on pool " + pool,
                        OptionalLong.of(size), c.loc().of("disks", pool)));
            });
        }
        spec.storage().forEach(p -> zero(report, "pool " + p.name(), "size", p.size(), p.loc().of("size")));
        spec.projects().forEach(p -> p.limits().ifPresent(l -> {
            zero(report, "project " + p.name(), "memory limit", l.memory(), l.loc().of("memory"));
            zero(report, "project " + p.name(), "disk limit", l.disk(), l.loc().of("disk"));
        }));
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(d -> settings(report, "project " + p.name()
                + " default profile", d.settings(), d.loc())));
        spec.profiles().forEach(p -> settings(report, "profile " + p.name(), p.settings(), p.loc()));
        spec.instances().forEach(i -> settings(report, "instance " + i.name(), i.settings(), i.loc()));
        for (Cluster c : spec.clusters()) {
            for (NodeGroup g : c.nodeGroups()) {
                String s = "cluster " + c.name() + " group " + g.name();
                zero(report, s, "memory", OptionalLong.of(g.memory()), g.loc().of("memory"));
                g.root().ifPresent(r -> zero(report, s, "root disk size", r.size(), r.loc().of("size")));
                g.disks().forEach(d -> zero(report, s, "disk " + d.name() + " size", OptionalLong.of(d.size()),
                        d.loc().of("size")));
            }
        }
    }

    private static void settings(Report report, String subject, Settings s, Loc loc) {
        zero(report, subject, "memory", s.memory(), loc.of("memory"));
        s.root().ifPresent(r -> zero(report, subject, "root disk size", r.size(), r.loc().of("size")));
        s.disks().forEach(d -> zero(report, subject, "disk " + d.name() + " size", OptionalLong.of(d.size()),
                d.loc().of("size")));
    }

    private static void zero(Report report, String subject, String what, OptionalLong size, SourcePos at) {
        if (size.isPresent() && size.getAsLong() == 0) {
            report.error("size-zero", subject, at, subject + ": " + what + " is zero", "Nothing fits in zero"
                    + " bytes: give a size above zero, or leave the key out for the default.");
        }
    }

    /**
     * The largest sums any rule makes: memory of every instance and node, disk of every instance and node per pool
     * (a shared volume counted for each user, as a host's sum counts it), and what the hosts offer together. When
     * these fit, every partial sum fits too.
     */
    private static void overflows(Spec spec, Report report) {
        List<Footprint> all = Footprint.of(spec);
        Running memory = new Running();
        Map<String, Running> disk = new LinkedHashMap<>();
        for (Footprint f : all) {
            f.memory().ifPresent(m -> memory.add(report, m, f.what(), f.pos(), "memory of all instances and"
                    + " cluster nodes"));
            f.rootPool().ifPresent(p -> disk.computeIfAbsent(p, k -> new Running()).add(report,
                    f.rootSize().orElse(0), f.what(), f.pos(), "disk on pool " + p + " of all instances and"
                    + " cluster nodes"));
            f.volumes().forEach((key, size) -> {
                String p = key.substring(0, key.indexOf('/'));
                disk.computeIfAbsent(p, k -> new Running()).add(report, size, f.what(), f.pos(), "disk on pool "
                        + p + " of all instances and cluster nodes");
            });
        }
        Running capacityMemory = new Running();
        Map<String, Running> capacityDisk = new LinkedHashMap<>();
        for (Host h : spec.hosts()) {
            if (h.capacity().isEmpty()) {
                continue;
            }
            Capacity c = h.capacity().get();
            c.memory().ifPresent(m -> capacityMemory.add(report, m, "host " + h.name(), c.loc().of("memory"),
                    "memory the hosts offer"));
            c.disks().forEach((p, size) -> capacityDisk.computeIfAbsent(p, k -> new Running()).add(report, size,
                    "host " + h.name(), c.loc().of("disks", p), "disk on pool " + p + " the hosts offer"));
        }
    }

    /** One sum, reported once, where it first goes past {@link #MAX}. */
    private static final class Running {
        private long total;
        private boolean reported;

        void add(Report report, long bytes, String subject, SourcePos at, String what) {
            long sum = SizeRules.add(total, bytes);
            if (sum != total + bytes && !reported) {
                reported = true;
                report.error("size-overflow", subject, at, subject + ": " + what + " adds up to more than 8EiB"
                        + " here", "Sizes are counted in bytes up to 8EiB (64 bits); a larger sum would wrap"
                        + " around and pass every limit and capacity. Give the sizes this lab really has.");
            }
            total = sum;
        }
    }
}
