package net.sigsrv.infra.talos.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.NodeGroup;

/**
 * A node's {@code v1alpha1} document before patches, as a tree of maps and lists in Talos's key order. It is what
 * {@code talosctl gen config} writes for Talos v1.10 (its version contract: KubePrism, host DNS, stable hostnames,
 * the PodSecurity admission and audit defaults, the Kubernetes discovery registry off), without the deprecated
 * {@code persist} key that the published schema no longer has, plus what the spec says of the node: hostname,
 * install disk and image, labels and taints, certificate SANs, CNI and kube-proxy.
 */
final class BaseDocument {

    /** Kubernetes node label naming the Incus member a node runs on. */
    static final String HOST_LABEL = "topology.sigsrv.net/host";
    static final String INSTALLER = "ghcr.io/siderolabs/installer";

    private BaseDocument() {
    }

    static Map<String, Object> of(Cluster cluster, NodeGroup group, NodeInput node, ClusterSecrets secrets,
                                  List<String> controlPlaneAddresses) {
        boolean controlPlane = group.isControlPlane();
        Map<String, Object> doc = map();
        doc.put("version", "v1alpha1");
        doc.put("debug", false);
        doc.put("machine", machine(cluster, group, node, secrets, controlPlane));
        doc.put("cluster", cluster(cluster, secrets, controlPlane, controlPlaneAddresses));
        return doc;
    }

    private static Map<String, Object> machine(Cluster cluster, NodeGroup group, NodeInput node,
                                               ClusterSecrets secrets, boolean controlPlane) {
        Map<String, Object> m = map();
        m.put("type", controlPlane ? "controlplane" : "worker");
        m.put("token", secrets.trustdToken());
        m.put("ca", pair(secrets.osCaCert(), controlPlane ? secrets.osCaKey() : ""));
        List<String> sans = new ArrayList<>();
        if (controlPlane) {
            sans.add(endpointHost(cluster));
        }
        sans.add(node.address());
        m.put("certSANs", sans);
        Map<String, Object> kubelet = map();
        cluster.kubernetes().ifPresent(v -> kubelet.put("image", "ghcr.io/siderolabs/kubelet:" + v));
        kubelet.put("defaultRuntimeSeccompProfileEnabled", true);
        kubelet.put("disableManifestsDirectory", true);
        m.put("kubelet", kubelet);
        m.put("network", Map.of("hostname", node.name()));
        Map<String, Object> install = map();
        install.put("disk", node.installDisk());
        install.put("image", installImage(cluster));
        install.put("wipe", false);
        m.put("install", install);
        m.put("features", features());
        Map<String, Object> labels = map();
        if (controlPlane) {
            labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
        }
        cluster.topology().region().ifPresent(r -> labels.put("topology.kubernetes.io/region", r));
        cluster.topology().zone().ifPresent(z -> labels.put("topology.kubernetes.io/zone", z));
        labels.put(HOST_LABEL, node.host());
        labels.putAll(group.labels());
        m.put("nodeLabels", labels);
        if (!group.taints().isEmpty()) {
            m.put("nodeTaints", taints(group.taints()));
        }
        return m;
    }

    private static Map<String, Object> features() {
        Map<String, Object> f = map();
        f.put("rbac", true);
        f.put("stableHostname", true);
        f.put("apidCheckExtKeyUsage", true);
        f.put("diskQuotaSupport", true);
        Map<String, Object> kubePrism = map();
        kubePrism.put("enabled", true);
        kubePrism.put("port", 7445);
        f.put("kubePrism", kubePrism);
        Map<String, Object> hostDns = map();
        hostDns.put("enabled", true);
        hostDns.put("forwardKubeDNSToHost", true);
        f.put("hostDNS", hostDns);
        return f;
    }

    /** {@code KEY[=VALUE]:EFFECT} (validated by the spec) as Talos writes it: {@code KEY: [VALUE:]EFFECT}. */
    static Map<String, Object> taints(List<String> taints) {
        Map<String, Object> out = map();
        for (String taint : taints) {
            int colon = taint.lastIndexOf(':');
            String keyValue = taint.substring(0, colon);
            String effect = taint.substring(colon + 1);
            int eq = keyValue.indexOf('=');
            out.put(eq < 0 ? keyValue : keyValue.substring(0, eq),
                    eq < 0 ? effect : keyValue.substring(eq + 1) + ":" + effect);
        }
        return out;
    }

    private static Map<String, Object> cluster(Cluster cluster, ClusterSecrets secrets, boolean controlPlane,
                                               List<String> controlPlaneAddresses) {
        Map<String, Object> c = map();
        c.put("id", secrets.clusterId());
        c.put("secret", secrets.clusterSecret());
        c.put("controlPlane", Map.of("endpoint", cluster.endpoint()));
        c.put("clusterName", cluster.name());
        Map<String, Object> network = map();
        network.put("dnsDomain", "cluster.local");
        network.put("podSubnets", List.of("10.244.0.0/16"));
        network.put("serviceSubnets", List.of("10.96.0.0/12"));
        if (cluster.cni().equals("none")) {
            network.put("cni", Map.of("name", "none"));
        }
        c.put("network", network);
        c.put("token", secrets.bootstrapToken());
        if (controlPlane) {
            c.put("secretboxEncryptionSecret", secrets.secretboxKey());
        }
        c.put("ca", pair(secrets.kubernetesCaCert(), controlPlane ? secrets.kubernetesCaKey() : ""));
        if (controlPlane) {
            c.put("aggregatorCA", pair(secrets.aggregatorCaCert(), secrets.aggregatorCaKey()));
            c.put("serviceAccount", Map.of("key", base64(secrets.serviceAccountKey())));
            c.put("apiServer", apiServer(cluster, controlPlaneAddresses));
            image(cluster, "kube-controller-manager").ifPresentOrElse(
                    i -> c.put("controllerManager", Map.of("image", i)), () -> { });
        }
        Map<String, Object> proxy = map();
        if (controlPlane) {
            image(cluster, "kube-proxy").ifPresent(i -> proxy.put("image", i));
        }
        if (!cluster.kubeProxy()) {
            proxy.put("disabled", true);
        }
        if (!proxy.isEmpty()) {
            c.put("proxy", proxy);
        }
        if (controlPlane) {
            image(cluster, "kube-scheduler").ifPresent(i -> c.put("scheduler", Map.of("image", i)));
        }
        c.put("discovery", discovery());
        if (controlPlane) {
            c.put("etcd", Map.of("ca", pair(secrets.etcdCaCert(), secrets.etcdCaKey())));
        }
        return c;
    }

    private static Map<String, Object> apiServer(Cluster cluster, List<String> controlPlaneAddresses) {
        Map<String, Object> a = map();
        image(cluster, "kube-apiserver").ifPresent(i -> a.put("image", i));
        List<String> sans = new ArrayList<>();
        sans.add(endpointHost(cluster));
        controlPlaneAddresses.stream().filter(s -> !sans.contains(s)).forEach(sans::add);
        a.put("certSANs", sans);
        a.put("disablePodSecurityPolicy", true);
        Map<String, Object> defaults = map();
        defaults.put("audit", "restricted");
        defaults.put("audit-version", "latest");
        defaults.put("enforce", "baseline");
        defaults.put("enforce-version", "latest");
        defaults.put("warn", "restricted");
        defaults.put("warn-version", "latest");
        Map<String, Object> exemptions = map();
        exemptions.put("namespaces", List.of("kube-system"));
        exemptions.put("runtimeClasses", List.of());
        exemptions.put("usernames", List.of());
        Map<String, Object> podSecurity = map();
        podSecurity.put("apiVersion", "pod-security.admission.config.k8s.io/v1alpha1");
        podSecurity.put("defaults", defaults);
        podSecurity.put("exemptions", exemptions);
        podSecurity.put("kind", "PodSecurityConfiguration");
        Map<String, Object> plugin = map();
        plugin.put("name", "PodSecurity");
        plugin.put("configuration", podSecurity);
        a.put("admissionControl", List.of(plugin));
        Map<String, Object> audit = map();
        audit.put("apiVersion", "audit.k8s.io/v1");
        audit.put("kind", "Policy");
        audit.put("rules", List.of(Map.of("level", "Metadata")));
        a.put("auditPolicy", audit);
        return a;
    }

    private static Map<String, Object> discovery() {
        Map<String, Object> registries = map();
        registries.put("kubernetes", Map.of("disabled", true));
        registries.put("service", Map.of());
        Map<String, Object> d = map();
        d.put("enabled", true);
        d.put("registries", registries);
        return d;
    }

    /** The installer image: the spec's {@code installer}, else Talos's own for the spec's version. */
    static String installImage(Cluster cluster) {
        return cluster.installer().orElse(INSTALLER + ":" + cluster.talos());
    }

    private static java.util.Optional<String> image(Cluster cluster, String component) {
        return cluster.kubernetes().map(v -> "registry.k8s.io/" + component + ":" + v);
    }

    static String endpointHost(Cluster cluster) {
        return URI.create(cluster.endpoint()).getHost();
    }

    private static Map<String, Object> pair(String crtPem, String keyPem) {
        Map<String, Object> p = map();
        p.put("crt", base64(crtPem));
        p.put("key", keyPem.isEmpty() ? "" : base64(keyPem));
        return p;
    }

    /** Talos carries PEM text base64-encoded. */
    static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }
}
