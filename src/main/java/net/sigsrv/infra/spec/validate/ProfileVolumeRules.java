package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Spec;

/**
 * {@code volume-shared-across-projects} for disks that come from profiles: an instance mounts the disks of its
 * profiles too (as Incus merges devices: later profiles, then the instance's own, win by device name), so a
 * profile's volume is attached to every instance that uses the profile, in that instance's project.
 * {@code SecurityRules} reports volumes that instances' own disks share across projects; this reports the ones that
 * are only shared once profiles are counted, so a volume is reported once.
 */
final class ProfileVolumeRules implements SpecValidator.Rules {

    /** One instance mounting a volume, through {@code profile} when the disk is a profile's. */
    private record Use(Instance instance, Disk disk, Optional<Profile> profile) {
        String who() {
            return instance.name() + profile.map(p -> ", through profile " + p.name()).orElse("");
        }
    }

    @Override
    public void check(Spec spec, Report report) {
        Map<String, List<Use>> uses = new LinkedHashMap<>();
        ProfileIndex profiles = new ProfileIndex(spec);
        for (Instance i : spec.instances()) {
            effectiveDisks(profiles, i).forEach(u -> uses.computeIfAbsent(u.disk().pool() + "/" + u.disk().volume(),
                    k -> new ArrayList<>()).add(u));
        }
        uses.forEach((volume, list) -> shared(report, volume, list));
    }

    /** The disks an instance mounts: its profiles' in order, then its own, the later winning by device name. */
    private static List<Use> effectiveDisks(ProfileIndex profiles, Instance i) {
        Map<String, Use> byDevice = new LinkedHashMap<>();
        for (String name : i.profiles()) {
            profiles.find(i.project(), name).ifPresent(p -> p.settings().disks()
                    .forEach(d -> byDevice.put(d.name(), new Use(i, d, Optional.of(p)))));
        }
        i.settings().disks().forEach(d -> byDevice.put(d.name(), new Use(i, d, Optional.empty())));
        return List.copyOf(byDevice.values());
    }

    private static void shared(Report report, String volume, List<Use> uses) {
        List<String> ownProjects = uses.stream().filter(u -> u.profile().isEmpty()).map(u -> u.instance().project())
                .distinct().toList();
        if (ownProjects.size() > 1) {
            return;
        }
        Use first = uses.getFirst();
        uses.stream().filter(u -> !u.instance().project().equals(first.instance().project())).findFirst()
                .ifPresent(other -> {
                    Use via = other.profile().isPresent() ? other : first;
                    String subject = "profile " + via.profile().orElseThrow().name() + " disk " + via.disk().name();
                    report.error("volume-shared-across-projects", subject, via.disk().loc().of("volume"), "volume "
                            + volume + " is attached to instances of projects " + first.instance().project() + " ("
                            + first.who() + ") and " + other.instance().project() + " (" + other.who() + ")",
                            "Projects are isolated: no storage is shared between them, also through a profile."
                            + " Give each project its own volume.");
                });
    }
}
