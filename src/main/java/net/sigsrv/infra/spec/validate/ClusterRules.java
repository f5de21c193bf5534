package net.sigsrv.infra.spec.validate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Addon;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.schema.Suggest;

/** Talos cluster sanity: control-plane quorum, endpoint, version, add-ons, taints and labels. */
final class ClusterRules implements SpecValidator.Rules {

    private static final Pattern TALOS_VERSION = Pattern.compile("v\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.]+)?");
    private static final Pattern TAINT = Pattern.compile("([^=:\\s]+)(=([^:\\s]*))?:(\\S+)");
    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Map<String, List<String>> ADDON_OPTIONS = Map.of(
            "rook-ceph", List.of("node-group", "replicas", "namespace"));

    @Override
    public void check(Spec spec, Report report) {
        for (Cluster c : spec.clusters()) {
            String subject = "cluster " + c.name();
            long controlPlanes = c.nodeGroups().stream().filter(NodeGroup::isControlPlane)
                    .mapToLong(NodeGroup::count).sum();
            if (controlPlanes < 1 || controlPlanes % 2 == 0) {
                List<NodeGroup> groups = c.nodeGroups().stream().filter(NodeGroup::isControlPlane).toList();
                SourcePos at = groups.size() == 1 ? groups.getFirst().loc().of("count") : c.loc().of("node-groups");
                report.error("cluster-controlplane-count", subject, at, subject + " has "
                        + controlPlanes + " control-plane nodes; it needs an odd number, at least 1", "etcd keeps"
                        + " quorum with a majority: 1, 3 or 5 control-plane nodes; an even count adds risk, not"
                        + " safety.");
            }
            endpoint(c, report);
            if (!TALOS_VERSION.matcher(c.talos()).matches()) {
                report.error("cluster-talos-version", subject, c.loc().of("talos"), subject + ": talos '"
                        + c.talos() + "' is not a version like v1.10.2", "Write the full release tag as Talos"
                        + " publishes it: 'v', then major.minor.patch.");
            }
            c.kubernetes().filter(k -> !TALOS_VERSION.matcher(k).matches()).ifPresent(k -> report.error(
                    "cluster-kubernetes-version", subject, c.loc().of("kubernetes"), subject + ": kubernetes '" + k
                            + "' is not a version like v1.33.1", "Write the Kubernetes release as Talos takes it:"
                            + " 'v', then major.minor.patch."));
            c.nodeGroups().forEach(g -> group(c, g, report));
            c.addons().forEach(a -> addon(c, a, report));
        }
    }

    private static void endpoint(Cluster c, Report report) {
        String subject = "cluster " + c.name();
        String why;
        try {
            URI uri = new URI(c.endpoint());
            why = !"https".equals(uri.getScheme()) ? "is not https"
                    : uri.getHost() == null ? "has no host"
                    : uri.getPort() < 0 ? "has no port" : "";
        } catch (URISyntaxException e) {
            why = "is not a URL";
        }
        if (!why.isEmpty()) {
            report.error("cluster-endpoint", subject, c.loc().of("endpoint"), subject + ": endpoint '"
                    + c.endpoint() + "' " + why, "Write it as https://HOST:PORT, e.g. https://p1c0.sigsrv.local:6443.");
        }
    }

    private static void group(Cluster c, NodeGroup g, Report report) {
        String subject = "cluster " + c.name() + " group " + g.name();
        for (String taint : g.taints()) {
            var m = TAINT.matcher(taint);
            if (!m.matches() || !EFFECTS.contains(m.group(4))) {
                report.error("cluster-taint", subject, g.loc().of("taints", taint), subject + ": taint '" + taint
                        + "' is not KEY[=VALUE]:EFFECT" + (m.matches() ? Suggest.hint(m.group(4), EFFECTS) : ""),
                        "EFFECT is one of " + String.join(", ", EFFECTS) + ", e.g. storage:NoSchedule.");
            }
        }
        g.labels().forEach((key, value) -> {
            if (!validLabelKey(key) || !(value.isEmpty() || LABEL_NAME.matcher(value).matches())) {
                report.error("cluster-label", subject, g.loc().of("labels", key), subject + ": label '" + key + "="
                        + value + "' is not a valid Kubernetes label", "Keys are [PREFIX/]NAME with NAME up to 63"
                        + " letters, digits, '-', '_' and '.'; values likewise, or empty.");
            }
        });
    }

    private static boolean validLabelKey(String key) {
        int slash = key.lastIndexOf('/');
        String name = slash < 0 ? key : key.substring(slash + 1);
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        return LABEL_NAME.matcher(name).matches() && (slash < 0 || Names.dns(prefix).isEmpty());
    }

    private static void addon(Cluster c, Addon a, Report report) {
        String subject = "cluster " + c.name() + " add-on " + a.name();
        List<String> known = ADDON_OPTIONS.getOrDefault(a.name(), List.of());
        a.options().keySet().stream().filter(k -> !known.contains(k)).forEach(k -> report.error(
                "cluster-addon-option", subject, a.loc().of("options", k), subject + ": unknown option '" + k + "'"
                        + Suggest.hint(k, known), "Options of " + a.name() + ": " + String.join(", ", known) + "."));
        if (a.name().equals("rook-ceph")) {
            rookCeph(c, a, subject, report);
        }
    }

    /** Ceph needs OSD disks on as many nodes as it keeps replicas. */
    private static void rookCeph(Cluster c, Addon a, String subject, Report report) {
        String groupName = a.options().get("node-group");
        List<NodeGroup> storage = c.nodeGroups().stream()
                .filter(g -> groupName == null ? !g.disks().isEmpty() : g.name().equals(groupName)).toList();
        if (groupName != null && storage.isEmpty()) {
            List<String> names = c.nodeGroups().stream().map(NodeGroup::name).toList();
            report.error("reference-unresolved", subject, a.loc().of("options", "node-group"), subject
                    + ": node group '" + groupName + "' is not defined" + Suggest.hint(groupName, names),
                    "Node groups of cluster " + c.name() + ": " + String.join(", ", names) + ".");
            return;
        }
        long nodes = storage.stream().filter(g -> !g.disks().isEmpty()).mapToLong(NodeGroup::count).sum();
        long replicas = parseOr(a.options().get("replicas"), 3);
        if (nodes == 0) {
            report.error("cluster-storage-addon", subject, a.loc().at(), subject + " has no nodes with data disks"
                    + (groupName == null ? "" : " in group " + groupName), "Give a node group `disks:` (one"
                    + " per OSD), e.g. a storage group of 3 nodes with a 100GiB disk each.");
        } else if (replicas > nodes) {
            report.error("cluster-storage-addon", subject, a.loc().of("options", "replicas"), subject + " keeps "
                    + replicas + " replicas but only " + nodes + " nodes have data disks", "Ceph places each replica"
                    + " on a different node: add storage nodes or lower `replicas`.");
        }
    }

    private static long parseOr(String text, long fallback) {
        try {
            return text == null ? fallback : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
