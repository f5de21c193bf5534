package net.sigsrv.infra.spec.validate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import net.sigsrv.infra.spec.model.Capacity;
import net.sigsrv.infra.spec.model.Host;
import net.sigsrv.infra.spec.model.Limits;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.Project;
import net.sigsrv.infra.spec.model.Size;
import net.sigsrv.infra.spec.model.Spec;

/**
 * {@code project-limit} and {@code host-capacity}: what the spec declares fits where it is declared. Like Incus,
 * a project that limits cpu, memory or disk needs every instance to set it (directly or through a profile).
 */
final class ResourceRules implements SpecValidator.Rules {

    @Override
    public void check(Spec spec, Report report) {
        List<Footprint> all = Footprint.of(spec);
        for (Project p : spec.projects()) {
            p.limits().ifPresent(l -> project(p, l, all.stream().filter(f -> f.project().equals(p.name())).toList(),
                    report));
        }
        for (Host h : spec.hosts()) {
            h.capacity().ifPresent(c -> host(h, c, all.stream()
                    .filter(f -> f.host().filter(h.name()::equals).isPresent()).toList(), report));
        }
    }

    private static void project(Project p, Limits l, List<Footprint> members, Report report) {
        String subject = "project " + p.name();
        count(report, subject, l.loc(), "instances", l.instances(), members.size());
        count(report, subject, l.loc(), "containers", l.containers(), members.stream().filter(f -> !f.vm()).count());
        count(report, subject, l.loc(), "virtual-machines", l.virtualMachines(),
                members.stream().filter(Footprint::vm).count());
        sum(report, subject, l.loc(), "cpu", l.cpu(), members, Footprint::cpu, String::valueOf);
        sum(report, subject, l.loc(), "memory", l.memory(), members, Footprint::memory, Size::format);
        sum(report, subject, l.loc(), "disk", l.disk(), members, Footprint::rootSize, Size::format);
    }

    private static void count(Report report, String subject, Loc loc, String key, OptionalLong limit, long used) {
        if (limit.isPresent() && used > limit.getAsLong()) {
            report.error("project-limit", subject, loc.of(key), subject + " declares " + used + " " + key
                    + ", over its limit of " + limit.getAsLong());
        }
    }

    /**
     * Sums one resource over a project. Every member must set it; {@code disk} also counts each extra volume once,
     * however many instances share it.
     */
    private static void sum(Report report, String subject, Loc loc, String key, OptionalLong limit,
                            List<Footprint> members, Function<Footprint, OptionalLong> value,
                            Function<Long, String> show) {
        if (limit.isEmpty()) {
            return;
        }
        long total = 0;
        Map<String, Long> byOwner = new LinkedHashMap<>();
        Set<String> volumes = new HashSet<>();
        for (Footprint f : members) {
            OptionalLong v = value.apply(f);
            if (v.isEmpty()) {
                report.error("project-limit", f.what(), f.pos(), f.what() + " sets no " + (key.equals("disk")
                        ? "root disk size" : key) + ", but " + subject + " limits " + key, "Incus refuses"
                        + " instances without limits." + (key.equals("disk") ? "disk sizes" : key) + " in a project"
                        + " that limits it; set it on the instance or its profile.");
                continue;
            }
            long own = v.getAsLong();
            if (key.equals("disk")) {
                for (var vol : f.volumes().entrySet()) {
                    own += volumes.add(vol.getKey()) ? vol.getValue() : 0;
                }
            }
            total += own;
            byOwner.merge(f.what().startsWith("cluster ") ? f.what().substring(0, f.what().indexOf(" node"))
                    : "instances", own, Long::sum);
        }
        if (total > limit.getAsLong()) {
            StringBuilder detail = new StringBuilder("Declared: ");
            byOwner.forEach((owner, n) -> detail.append(owner).append(' ').append(show.apply(n)).append("; "));
            report.error("project-limit", subject, loc.of(key), subject + " declares " + show.apply(total) + " "
                    + key + ", over its limit of " + show.apply(limit.getAsLong()), detail.substring(0,
                    detail.length() - 2) + ".");
        }
    }

    private static void host(Host h, Capacity c, List<Footprint> placed, Report report) {
        String subject = "host " + h.name();
        fits(report, subject, c.loc(), "cpu", c.cpu(), placed, f -> f.cpu().orElse(0), n -> n + " cpu");
        fits(report, subject, c.loc(), "memory", c.memory(), placed, f -> f.memory().orElse(0), Size::format);
        c.disks().forEach((pool, size) -> fits(report, subject, c.loc(), "disks", OptionalLong.of(size), placed,
                f -> f.diskByPool().getOrDefault(pool, 0L), s -> Size.format(s) + " on pool " + pool));
    }

    private static void fits(Report report, String subject, Loc loc, String key, OptionalLong capacity,
                             List<Footprint> placed, ToLongFunction<Footprint> value, Function<Long, String> show) {
        long total = placed.stream().mapToLong(value).sum();
        if (capacity.isPresent() && total > capacity.getAsLong()) {
            report.error("host-capacity", subject, loc.of(key), subject + ": " + placed.size()
                    + " instances and nodes placed on it need " + show.apply(total) + ", over its capacity of "
                    + show.apply(capacity.getAsLong()), "Move some to another host (`target`, cluster"
                    + " `topology.targets`) or shrink them.");
        }
    }
}
