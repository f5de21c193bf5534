package net.sigsrv.infra.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Snapshots;
import net.sigsrv.infra.spec.model.Spec;

/**
 * Scheduled snapshots as the lab runs them. They are not set by an ops command: the spec's {@code snapshots:}
 * block on a profile or instance becomes the {@code snapshots.schedule}, {@code snapshots.expiry} and
 * {@code snapshots.pattern} keys that {@code infra apply} writes, and the daemon takes the snapshots. This reads, per
 * instance, the schedule in effect (from its expanded config), where it comes from (the instance itself or the
 * last of its profiles that sets it), and what the spec asks for.
 */
public final class SnapshotSchedules {

    private final IncusClient client;

    public SnapshotSchedules(IncusClient client) {
        this.client = client;
    }

    /**
     * One instance's schedule. {@code schedule} is "" when none is set; {@code source} is "instance",
     * "profile NAME" or ""; {@code spec} is the spec's schedule for it, "" when the spec sets none, or null when
     * there is no spec or the spec does not describe the instance.
     */
    public record Row(String project, String instance, String schedule, String expiry, String pattern,
                      String source, String spec) {
    }

    public List<Row> list(String project, Optional<Spec> spec) {
        List<Profile> profiles = client.projects().profiles(project);
        List<Row> out = new ArrayList<>();
        for (Instance i : client.instances().list(project)) {
            Map<String, String> c = i.expandedConfig();
            out.add(new Row(project, i.name(), c.getOrDefault("snapshots.schedule", ""),
                    c.getOrDefault("snapshots.expiry", ""), c.getOrDefault("snapshots.pattern", ""),
                    source(i, profiles), spec.map(s -> wanted(s, project, i.name())).orElse(null)));
        }
        return out;
    }

    private static String source(Instance i, List<Profile> profiles) {
        if (i.config().containsKey("snapshots.schedule")) {
            return "instance";
        }
        String from = "";
        for (String name : i.profiles()) {
            if (profiles.stream().anyMatch(p -> p.name().equals(name) && p.config().containsKey("snapshots.schedule"))) {
                from = "profile " + name;
            }
        }
        return from;
    }

    /** What the spec schedules for the instance: its own block, else its last profile's; null when not in the spec. */
    static String wanted(Spec spec, String project, String instance) {
        var i = spec.instances().stream().filter(x -> x.project().equals(project) && x.name().equals(instance))
                .findFirst();
        if (i.isEmpty()) {
            return null;
        }
        Optional<Snapshots> own = i.get().settings().snapshots();
        if (own.isPresent()) {
            return own.get().schedule();
        }
        String found = "";
        for (String name : i.get().profiles()) {
            Optional<Settings> p = profile(spec, project, name);
            if (p.isPresent() && p.get().snapshots().isPresent()) {
                found = p.get().snapshots().get().schedule();
            }
        }
        return found;
    }

    private static Optional<Settings> profile(Spec spec, String project, String name) {
        if (name.equals("default")) {
            var d = spec.project(project).flatMap(p -> p.defaultProfile());
            if (d.isPresent()) {
                return Optional.of(d.get().settings());
            }
        }
        return spec.profiles().stream().filter(p -> p.project().equals(project) && p.name().equals(name))
                .findFirst().map(p -> p.settings());
    }
}
