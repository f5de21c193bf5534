package net.sigsrv.infra.spec.validate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Capacity;
import net.sigsrv.infra.spec.model.Host;
import net.sigsrv.infra.spec.model.Limits;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.Project;
import net.sigsrv.infra.spec.model.Spec;

/**
 * {@code project-limit} and {@code host-capacity}: what the spec declares fits where it is declared. Like Incus,
 * a project that limits cpu, memory or disk needs every instance to set it (directly or through a profile).
 */
final class ResourceRules implements SpecValidator.Rules {

    @Override
    public void check(Spec spec, Report report) {
        List<Footprint> all = Footprint.of(spec);
        // grouped once: filtering all footprints per project and per host was quadratic (a 1 MB spec took seconds)
        Map<String, List<Footprint>> byProject = all.stream().collect(Collectors.groupingBy(Footprint::project));
        Map<String, List<Footprint>> byHost = all.stream().filter(f -> f.host().isPresent())
                .collect(Collectors.groupingBy(f -> f.host().get()));
        for (Project p : spec.projects()) {
            p.limits().ifPresent(l -> project(p, l, byProject.getOrDefault(p.name(), List.of()), report));
        }
        for (Host h : spec.hosts()) {
            h.capacity().ifPresent(c -> host(h, c, byHost.getOrDefault(h.name(), List.of()), report));
        }
        cluster(spec, all, report);
    }

    /**
     * {@code cluster-capacity}: instances without a target are placed by the cluster, so no host's capacity can
     * check them; all together they must fit what the hosts declare together (checked for cpu, memory and each
     * pool's disk that every host declares, and only where the placed ones alone fit, which host-capacity covers).
     */
    private static void cluster(Spec spec, List<Footprint> all, Report report) {
        List<Footprint> unplaced = all.stream().filter(f -> f.host().isEmpty()).toList();
        List<Capacity> caps = spec.hosts().stream().flatMap(h -> h.capacity().stream()).toList();
        if (unplaced.isEmpty() || caps.isEmpty() || caps.size() != spec.hosts().size()) {
            return;
        }
        clusterFits(report, unplaced, all, "cpu", caps.stream().map(Capacity::cpu).toList(), f -> f.cpu().orElse(0),
                String::valueOf);
        clusterFits(report, unplaced, all, "memory", caps.stream().map(Capacity::memory).toList(),
                f -> f.memory().orElse(0), SizeRules::show);
        for (String pool : caps.getFirst().disks().keySet()) {
            clusterFits(report, unplaced, all, "disk on pool " + pool, caps.stream().map(c -> c.disks()
                    .containsKey(pool) ? OptionalLong.of(c.disks().get(pool)) : OptionalLong.empty()).toList(),
                    f -> f.diskByPool().getOrDefault(pool, 0L), SizeRules::show);
        }
    }

    private static void clusterFits(Report report, List<Footprint> unplaced, List<Footprint> all, String what,
                                    List<OptionalLong> capacities, ToLongFunction<Footprint> value,
                                    Function<Long, String> show) {
        if (capacities.stream().anyMatch(OptionalLong::isEmpty)) {
            return;
        }
        long capacity = capacities.stream().mapToLong(OptionalLong::getAsLong).reduce(0, SizeRules::add);
        long placed = all.stream().filter(f -> f.host().isPresent()).mapToLong(value).reduce(0, SizeRules::add);
        long free = unplaced.stream().mapToLong(value).reduce(0, SizeRules::add);
        long total = SizeRules.add(placed, free);
        if (free == 0 || placed > capacity || total <= capacity) {
            return;
        }
        Footprint first = unplaced.stream().filter(f -> value.applyAsLong(f) > 0).findFirst().orElseThrow();
        report.error("cluster-capacity", first.what(), first.pos(), what + " of all instances adds up to "
                + show.apply(total) + ", over the " + show.apply(capacity) + " the hosts declare together ("
                + show.apply(free) + " of it in instances without a target, the first here)", "Without a target: "
                + breakdown(byOwner(unplaced.stream().filter(f -> value.applyAsLong(f) > 0).toList(), value), show)
                + ". Shrink them, or add capacity (a host, or `capacity` of the hosts).");
    }

    private static void project(Project p, Limits l, List<Footprint> members, Report report) {
        String subject = "project " + p.name();
        count(report, subject, l.loc(), "instances", l.instances(), members);
        count(report, subject, l.loc(), "containers", l.containers(), members.stream().filter(f -> !f.vm()).toList());
        count(report, subject, l.loc(), "virtual-machines", l.virtualMachines(),
                members.stream().filter(Footprint::vm).toList());
        sum(report, subject, l.loc(), "cpu", l.cpu(), members, Footprint::cpu, String::valueOf);
        sum(report, subject, l.loc(), "memory", l.memory(), members, Footprint::memory, SizeRules::show);
        sum(report, subject, l.loc(), "disk", l.disk(), members, Footprint::rootSize, SizeRules::show);
    }

    private static void count(Report report, String subject, Loc loc, String key, OptionalLong limit,
                              List<Footprint> counted) {
        if (limit.isPresent() && counted.size() > limit.getAsLong()) {
            boolean nodes = counted.stream().anyMatch(f -> f.what().startsWith("cluster "));
            report.error("project-limit", subject, loc.of(key), subject + " declares " + counted.size() + " "
                    + key + ", over its limit of " + limit.getAsLong(), nodes ? "Cluster nodes are virtual"
                    + " machines of the project: " + breakdown(byOwner(counted, f -> 1), String::valueOf) + "." : "");
        }
    }

    /** Who a footprint counts for in a breakdown: "instances", or the cluster whose node it is. */
    private static String owner(Footprint f) {
        return f.what().startsWith("cluster ") ? f.what().substring(0, f.what().indexOf(" node")) : "instances";
    }

    /** "instances 6; cluster p1 18": a total split between plain instances and each cluster's nodes. */
    private static String breakdown(Map<String, Long> byOwner, Function<Long, String> show) {
        StringBuilder out = new StringBuilder();
        byOwner.forEach((owner, n) -> out.append(out.isEmpty() ? "" : "; ").append(owner).append(' ')
                .append(show.apply(n)));
        return out.toString();
    }

    private static Map<String, Long> byOwner(List<Footprint> members, ToLongFunction<Footprint> value) {
        Map<String, Long> out = new LinkedHashMap<>();
        members.forEach(f -> out.merge(owner(f), value.applyAsLong(f), SizeRules::add));
        return out;
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
        String setting = key.equals("disk") ? "root disk size" : key;
        Map<String, Long> declared = new LinkedHashMap<>();
        Set<String> volumes = new HashSet<>();
        for (Footprint f : members) {
            OptionalLong v = value.apply(f);
            if (v.isEmpty()) {
                report.error("project-limit", f.what(), f.pos(), f.what() + " sets no " + setting + ", but "
                        + subject + " limits " + key, "Incus refuses an instance without "
                        + (key.equals("disk") ? "a root disk size" : "limits." + key) + " in a project that limits "
                        + key + "; set it on the instance or its profile.");
                continue;
            }
            long bytes = v.getAsLong();
            if (key.equals("disk")) {
                for (var vol : f.volumes().entrySet()) {
                    bytes = SizeRules.add(bytes, volumes.add(vol.getKey()) ? vol.getValue() : 0);
                }
            }
            declared.merge(owner(f), bytes, SizeRules::add);
        }
        long total = declared.values().stream().mapToLong(Long::longValue).reduce(0, SizeRules::add);
        if (total > limit.getAsLong()) {
            report.error("project-limit", subject, loc.of(key), subject + " declares " + show.apply(total) + " "
                    + key + ", over its limit of " + show.apply(limit.getAsLong()), "Declared: "
                    + breakdown(declared, show) + ".");
        }
    }

    private static void host(Host h, Capacity c, List<Footprint> placed, Report report) {
        String subject = "host " + h.name();
        fits(report, subject, c.loc().of("cpu"), "cpu", c.cpu(), placed, f -> f.cpu().orElse(0), String::valueOf);
        fits(report, subject, c.loc().of("memory"), "memory", c.memory(), placed, f -> f.memory().orElse(0),
                SizeRules::show);
        c.disks().forEach((pool, size) -> fits(report, subject, c.loc().of("disks", pool), "disk on pool " + pool,
                OptionalLong.of(size), placed, f -> f.diskByPool().getOrDefault(pool, 0L), SizeRules::show));
    }

    private static void fits(Report report, String subject, SourcePos pos, String what, OptionalLong capacity,
                             List<Footprint> placed, ToLongFunction<Footprint> value, Function<Long, String> show) {
        List<Footprint> using = placed.stream().filter(f -> value.applyAsLong(f) > 0).toList();
        long total = using.stream().mapToLong(value).reduce(0, SizeRules::add);
        if (capacity.isPresent() && total > capacity.getAsLong()) {
            report.error("host-capacity", subject, pos, subject + ": " + what + " placed on it adds up to "
                    + show.apply(total) + ", over its capacity of " + show.apply(capacity.getAsLong()), "Placed: "
                    + breakdown(byOwner(using, value), show) + ". Move some to another host (`target`, cluster"
                    + " `topology.targets`) or shrink them.");
        }
    }
}
