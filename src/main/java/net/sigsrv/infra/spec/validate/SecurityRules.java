package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Privilege;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Size;

/**
 * Project isolation and privilege: {@code privileged-without-reason}, {@code
 * privileged-equivalent-without-reason} (the keys of {@link Privilege}), {@code volume-shared-across-projects},
 * {@code volume-conflict} and {@code disk-path}.
 */
final class SecurityRules implements SpecValidator.Rules {

    private record Use(Instance instance, Disk disk) {
    }

    @Override
    public void check(Spec spec, Report report) {
        for (Instance i : spec.instances()) {
            boolean viaConfig = Privilege.isTrue(i.settings().config().get(Privilege.PRIVILEGED));
            boolean hasReason = i.reason().filter(r -> !r.isBlank()).isPresent();
            if ((i.privileged() || viaConfig) && !hasReason) {
                SourcePos at = i.privileged() ? i.loc().of("privileged")
                        : i.loc().of("config", Privilege.PRIVILEGED);
                report.error("privileged-without-reason", "instance " + i.name(), at, "instance " + i.name()
                        + " is privileged without a reason", "Privileged containers share the host's root user."
                        + " Add `reason:` saying why it is needed, or drop `privileged`.");
            }
            for (String key : hasReason ? List.<String>of() : equivalentKeys(i.settings())) {
                report.error("privileged-equivalent-without-reason", "instance " + i.name(),
                        i.loc().of("config", key), "instance " + i.name() + " sets " + key + ", which is"
                        + " privileged-equivalent, without a reason", Privilege.WHY_EQUIVALENT + ". Add `reason:`"
                        + " saying why it is needed, or drop " + key + ".");
            }
        }
        List<Profile> profiles = new ArrayList<>(spec.profiles());
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(profiles::add));
        for (Profile p : profiles) {
            if (Privilege.isTrue(p.settings().config().get(Privilege.PRIVILEGED))) {
                report.error("privileged-without-reason", "profile " + p.name(),
                        p.loc().of("config", Privilege.PRIVILEGED), "profile "
                        + p.name() + " makes every instance using it privileged", "A profile cannot give a"
                        + " reason; set `privileged: true` with a `reason` on the instance that needs it.");
            }
            for (String key : equivalentKeys(p.settings())) {
                report.error("privileged-equivalent-without-reason", "profile " + p.name(),
                        p.loc().of("config", key), "profile " + p.name() + " sets " + key + ", which makes every"
                        + " instance using it privileged-equivalent", "A profile cannot give a reason; set " + key
                        + " with a `reason` on the instance that needs it.");
            }
            disks(report, "profile " + p.name(), p.settings());
        }
        Map<String, List<Use>> uses = new LinkedHashMap<>();
        for (Instance i : spec.instances()) {
            disks(report, "instance " + i.name(), i.settings());
            i.settings().disks().forEach(d -> uses.computeIfAbsent(d.pool() + "/" + d.volume(),
                    k -> new ArrayList<>()).add(new Use(i, d)));
        }
        uses.forEach((volume, list) -> shared(report, volume, list));
    }

    private static void disks(Report report, String owner, Settings s) {
        for (Disk d : s.disks()) {
            String subject = owner + " disk " + d.name();
            if (d.content().equals("filesystem") && d.path().isEmpty()) {
                report.error("disk-path", subject, d.loc().at(), subject + " is a filesystem volume without a"
                        + " mount path", "Add `path: /srv/data` (where it appears inside the instance), or"
                        + " `content: block` for a raw disk.");
            } else if (d.content().equals("block") && d.path().isPresent()) {
                report.error("disk-path", subject, d.loc().of("path"), subject + " is a block volume and cannot"
                        + " have a path", "Block volumes appear as a disk device; remove `path`.");
            }
        }
    }

    private static void shared(Report report, String volume, List<Use> uses) {
        Use first = uses.getFirst();
        for (Use u : uses.subList(1, uses.size())) {
            String subject = "instance " + u.instance().name() + " disk " + u.disk().name();
            if (!u.instance().project().equals(first.instance().project())) {
                report.error("volume-shared-across-projects", subject, u.disk().loc().of("volume"), "volume "
                        + volume + " is attached to instances of projects " + first.instance().project() + " ("
                        + first.instance().name() + ") and " + u.instance().project() + " (" + u.instance().name()
                        + ")", "Projects are isolated: no storage is shared between them. Give each project its"
                        + " own volume.");
            } else if (u.disk().size() != first.disk().size()) {
                report.error("volume-conflict", subject, u.disk().loc().of("size"), "volume " + volume + " is "
                        + Size.format(u.disk().size()) + " in instance " + u.instance().name() + " but "
                        + Size.format(first.disk().size()) + " in instance " + first.instance().name(),
                        "Instances sharing a volume must agree on its size and content.");
            } else if (!u.disk().content().equals(first.disk().content())) {
                report.error("volume-conflict", subject, u.disk().loc().of("content"), "volume " + volume + " is "
                        + u.disk().content() + " in instance " + u.instance().name() + " but "
                        + first.disk().content() + " in instance " + first.instance().name(),
                        "Instances sharing a volume must agree on its size and content.");
            }
        }
    }

    /** The privileged-equivalent keys (not {@code security.privileged} itself) that {@code s} sets. */
    private static List<String> equivalentKeys(Settings s) {
        return Privilege.keysIn(s.config()).stream().filter(Privilege::isEquivalentKey).toList();
    }
}
