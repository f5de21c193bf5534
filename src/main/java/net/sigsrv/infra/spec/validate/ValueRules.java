package net.sigsrv.infra.spec.validate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sigsrv.infra.diag.Excerpt;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Addon;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Host;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.NodeDisk;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;

/**
 * Values the other rules take as written and the daemon, a shell or a file system would read: the lab name (it
 * marks every owned object and names the lock), disk device, node disk and volume names (a volume name is a path
 * segment of the API), mount paths, topology label values, endpoint ports, add-on option values, and lists that
 * must not repeat (add-ons of a cluster, profiles of an instance).
 */
final class ValueRules implements SpecValidator.Rules {

    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    @Override
    public void check(Spec spec, Report report) {
        Names.incus(spec.lab()).ifPresent(why -> report.error("name-invalid", "lab", spec.loc().of("lab"),
                "lab '" + Excerpt.of(spec.lab()) + "' is not " + why, "The lab name is written into the ownership"
                        + " mark of every object infra creates and names its lock; it is never parsed further."));
        for (Host h : spec.hosts()) {
            h.address().ifPresent(a -> port(report, "host " + h.name(), "host-endpoint", h.loc().of("address"),
                    "address", a));
        }
        for (Instance i : spec.instances()) {
            String subject = "instance " + Excerpt.of(i.name());
            settings(report, subject, i.settings());
            profilesOnce(report, subject, i);
        }
        for (Profile p : spec.profiles()) {
            settings(report, "profile " + Excerpt.of(p.name()), p.settings());
        }
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(d -> settings(report, "project "
                + Excerpt.of(p.name()) + " default profile", d.settings())));
        spec.clusters().forEach(c -> cluster(report, c));
    }

    private static void settings(Report report, String owner, Settings s) {
        for (Disk d : s.disks()) {
            String subject = owner + " disk " + Excerpt.of(d.name());
            Names.incus(d.name()).ifPresent(why -> report.error("name-invalid", subject, d.loc().of("name"),
                    owner + ": disk device '" + Excerpt.of(d.name()) + "' is not " + why));
            // an unnamed disk's default volume name repeats the device name: reported once, above
            if (d.loc().has("volume")) {
                volume(d.volume(), d.loc().of("volume"), subject, report);
            }
            d.path().ifPresent(path -> mountPath(path).ifPresent(why -> report.error("disk-mount-path", subject,
                    d.loc().of("path"), subject + ": path '" + Excerpt.of(path) + "' " + why, "A mount path is"
                            + " an absolute path inside the instance, e.g. /srv/data.")));
        }
    }

    private static void volume(String name, SourcePos pos, String subject, Report report) {
        Names.incus(name).ifPresent(why -> report.error("name-invalid", subject, pos, subject + ": volume '"
                + Excerpt.of(name) + "' is not " + why, "A volume name is one segment of the daemon's API path:"
                + " no '/', and not '.' or '..'."));
    }

    /** Why {@code path} is not a mount path, or empty when it is one. */
    static Optional<String> mountPath(String path) {
        if (!path.startsWith("/")) {
            return Optional.of("is not absolute");
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.of("holds a control character (NUL, newline, …)");
        }
        if (List.of(path.split("/")).contains("..")) {
            return Optional.of("climbs out with '..'");
        }
        return Optional.empty();
    }

    private static void profilesOnce(Report report, String subject, Instance i) {
        Map<String, Boolean> seen = new HashMap<>();
        for (String p : i.profiles()) {
            if (seen.put(p, true) != null) {
                report.error("name-duplicate", subject, i.loc().of("profiles", p), subject + " lists profile '"
                        + Excerpt.of(p) + "' twice", "A profile applies once; the later copy would silently"
                        + " reorder what overrides what. Remove one.");
            }
        }
    }

    private static void cluster(Report report, Cluster c) {
        String subject = "cluster " + Excerpt.of(c.name());
        port(report, subject, "cluster-endpoint", c.loc().of("endpoint"), "endpoint", c.endpoint());
        c.topology().region().ifPresent(v -> label(report, subject, c.topology().loc(), "region", v));
        c.topology().zone().ifPresent(v -> label(report, subject, c.topology().loc(), "zone", v));
        for (NodeGroup g : c.nodeGroups()) {
            for (NodeDisk d : g.disks()) {
                Names.incus(d.name()).ifPresent(why -> report.error("name-invalid", subject + " group "
                        + Excerpt.of(g.name()), d.loc().of("name"), subject + " group " + Excerpt.of(g.name())
                        + ": disk '" + Excerpt.of(d.name()) + "' is not " + why, "The disk name is part of each"
                        + " node's volume name."));
            }
        }
        Map<String, Addon> seen = new HashMap<>();
        for (Addon a : c.addons()) {
            Addon first = seen.putIfAbsent(a.name(), a);
            if (first != null) {
                report.error("name-duplicate", subject + " add-on " + a.name(), a.loc().of("name"), subject
                        + ": add-on '" + a.name() + "' is listed twice (first at line " + first.loc().at().line()
                        + ")", "An add-on is installed once per cluster; merge the two entries' options.");
            }
            replicas(report, subject, a);
        }
    }

    /** Topology labels become node labels: a Kubernetes label value (63 characters, no '/', no spaces). */
    private static void label(Report report, String subject, Loc loc, String key, String value) {
        if (!LABEL_VALUE.matcher(value).matches()) {
            report.error("cluster-label", subject, loc.of(key), subject + ": topology " + key + " '"
                    + Excerpt.of(value) + "' is not a valid Kubernetes label value", "It becomes the"
                    + " topology.kubernetes.io/" + key + " label of every node: up to 63 letters, digits, '-', '_'"
                    + " and '.', starting and ending with a letter or digit.");
        }
    }

    /** An explicit port in a URL is 1–65535 (a URI parses any number of digits as a port). */
    private static void port(Report report, String subject, String rule, SourcePos pos, String key, String url) {
        int port;
        try {
            port = new URI(url).getPort();
        } catch (URISyntaxException e) {
            return; // not a URL at all: the URL rule of the key says so
        }
        if (port == 0 || port > 65535) {
            report.error(rule, subject, pos, subject + ": " + key + " '" + Excerpt.of(url) + "' has port " + port
                    + ", outside 1–65535");
        }
    }

    /** {@code replicas} is a whole number of at least 1: "three" must not quietly become the default 3. */
    private static void replicas(Report report, String subject, Addon a) {
        String text = a.options().get("replicas");
        if (text == null || !a.name().equals("rook-ceph")) {
            return;
        }
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > 1000) {
            report.error("cluster-addon-option", subject + " add-on " + a.name(), a.loc().of("options", "replicas"),
                    subject + " add-on " + a.name() + ": option replicas '" + Excerpt.of(text) + "' is not a whole"
                            + " number from 1 to 1000", "Write the number of copies Ceph keeps, e.g. `replicas: 3`.");
        }
    }
}
