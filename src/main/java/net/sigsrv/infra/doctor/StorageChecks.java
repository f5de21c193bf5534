package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.PoolResources;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;
import net.sigsrv.infra.spec.model.Pool;

/** Pools Created on every member, their usage per member from the pool resources API. */
final class StorageChecks {

    static final double WARN_PERCENT = 80;
    static final double ERROR_PERCENT = 95;

    private StorageChecks() {
    }

    static List<Finding> run(LabView lab) {
        List<Finding> out = new ArrayList<>();
        for (StoragePool p : lab.pools()) {
            out.addAll(created(lab, p));
        }
        lab.spec().ifPresent(spec -> {
            for (Pool want : spec.storage()) {
                if (lab.pools().stream().noneMatch(p -> p.name().equals(want.name()))) {
                    out.add(Finding.of(Check.POOL_CREATED, "", want.name())
                            .evidence("pools in the lab: " + String.join(", ", lab.pools().stream()
                                    .map(StoragePool::name).toList()))
                            .remedy(Remedy.say("Create it: `infra apply SPEC`."))
                            .error("pool " + want.name() + " of the spec does not exist"));
                }
            }
        });
        lab.spec().ifPresent(spec -> spec.instances().forEach(i -> i.settings().disks().forEach(d -> {
            Read<List<StorageVolume>> read = lab.volumes().getOrDefault(i.project() + "/" + d.pool(),
                    Read.failed("not read"));
            Finding.Builder f = Finding.of(Check.VOLUMES, i.target().orElse(""), i.project() + "/" + d.volume());
            if (!read.ok()) {
                out.add(f.evidence(read.error()).unreadable().error("cannot list the volumes of pool " + d.pool()
                        + " in project " + i.project()));
                return;
            }
            Optional<StorageVolume> v = read.value().stream().filter(x -> x.name().equals(d.volume())).findFirst();
            f.evidence("custom volumes of " + d.pool() + " in " + i.project() + ": " + String.join(", ", read.value()
                    .stream().map(x -> x.name() + (x.location() == null || x.location().isEmpty() ? ""
                            : "@" + x.location())).toList()));
            if (v.isEmpty()) {
                out.add(f.remedy(Remedy.say("Create it: `infra apply SPEC`.")).error("volume " + d.volume()
                        + " (disk " + d.name() + " of " + i.name() + ") does not exist in pool " + d.pool()));
            } else if (i.target().isPresent() && v.get().location() != null && !v.get().location().isEmpty()
                    && !v.get().location().equals(i.target().get())) {
                out.add(f.remedy(Remedy.say("Move the volume to " + i.target().get() + " or the instance to "
                        + v.get().location() + ".")).error("volume " + d.volume() + " is on " + v.get().location()
                        + ", its instance " + i.name() + " on " + i.target().get()));
            } else {
                out.add(f.ok("volume " + d.volume() + " exists in pool " + d.pool()));
            }
        })));
        lab.poolResources().forEach((pool, perMember) -> perMember.forEach((member, read) ->
                out.add(usage(lab, pool, member, read))));
        return out;
    }

    private static List<Finding> created(LabView lab, StoragePool p) {
        List<Finding> out = new ArrayList<>();
        for (String member : lab.memberNames()) {
            if (!lab.isOnline(member)) {
                continue;
            }
            Finding.Builder f = Finding.of(Check.POOL_CREATED, member, p.name());
            Read<List<StoragePool>> read = lab.poolsOnMember().getOrDefault(member, Read.failed("not read"));
            if (!read.ok()) {
                out.add(f.evidence(read.error()).unreadable().error("cannot read pool " + p.name() + " on "
                        + member));
                continue;
            }
            Optional<StoragePool> there = read.value().stream().filter(x -> x.name().equals(p.name())).findFirst();
            String status = there.map(StoragePool::status).orElse("missing");
            f.evidence("status of " + p.name() + " on " + member + ": " + status + " (global: " + p.status()
                    + (p.locations().isEmpty() ? "" : ", locations " + String.join(", ", p.locations())) + ")");
            if ("Created".equals(status) && (p.locations().isEmpty() || p.locations().contains(member)
                    || !lab.clustered())) {
                out.add(f.ok("pool " + p.name() + " is Created on " + member));
            } else {
                out.add(f.remedy(Remedy.say("Create pool " + p.name() + " on " + member + " (`--target "
                        + member + "`, then the global create), or `infra apply SPEC`."))
                        .error("pool " + p.name() + " is " + status + " on " + member));
            }
        }
        return out;
    }

    private static Finding usage(LabView lab, String pool, String member, Read<PoolResources> read) {
        Finding.Builder f = Finding.of(Check.POOL_USAGE, member, pool);
        if (!read.ok() || read.value().space() == null) {
            return f.evidence(read.ok() ? "no space figures" : read.error()).unreadable()
                    .warn("cannot read the usage of pool " + pool + " on " + member);
        }
        PoolResources.Usage space = read.value().space();
        double pct = space.percent();
        f.evidence("space used on " + member + ": " + mib(space.used()) + " of " + mib(space.total()) + " ("
                + String.format(Locale.ROOT, "%.0f", pct) + " %)");
        if (pct < WARN_PERCENT) {
            return f.ok("pool " + pool + " on " + member + " is " + String.format(Locale.ROOT, "%.0f", pct)
                    + " % full");
        }
        List<String> users = users(lab, pool, member);
        if (!users.isEmpty()) {
            f.evidence("instances with their root disk there: " + String.join(", ", users));
        }
        f.remedy(Remedy.say("Free space in pool " + pool + " on " + member + (users.isEmpty() ? ""
                : " (delete or move " + String.join(", ", users) + ")") + ", or grow the pool."));
        String summary = "pool " + pool + " on " + member + " is " + String.format(Locale.ROOT, "%.0f", pct)
                + " % full";
        return pct >= ERROR_PERCENT ? f.error(summary) : f.warn(summary);
    }

    /** Instances on {@code member} whose root disk lives in {@code pool}, as project/name. */
    private static List<String> users(LabView lab, String pool, String member) {
        List<String> out = new ArrayList<>();
        for (Instance i : lab.instances().get().orElse(List.of())) {
            boolean here = !lab.clustered() || member.equals(i.location());
            boolean onPool = i.expandedDevices().values().stream().anyMatch(d -> "disk".equals(d.get("type"))
                    && "/".equals(d.get("path")) && pool.equals(d.get("pool")));
            if (here && onPool && !Doctor.PROBE_PROJECT.equals(i.project())) { // probes come and go
                out.add(i.project().equals("default") ? i.name() : i.project() + "/" + i.name());
            }
        }
        return out;
    }

    static String mib(long bytes) {
        return (bytes / (1024 * 1024)) + " MiB";
    }
}
