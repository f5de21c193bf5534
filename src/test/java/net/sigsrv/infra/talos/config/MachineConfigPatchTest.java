package net.sigsrv.infra.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The spec's patches: cluster, then group, then node, so the nearer one wins; lists appended to; patch files read
 * relative to the spec; a patch that does not fit Talos's document refused with its path; CNI and kube-proxy
 * choices; certificate SANs.
 */
class MachineConfigPatchTest {

    private static final ClusterSecrets SECRETS = TestSecrets.fresh();

    @TempDir
    Path dir;

    /** examples/sigsrv.yaml with {@code extra} added under cluster p1's endpoint and {@code group} in its workers. */
    private static Spec example(String extra, String group) throws IOException {
        String text = Files.readString(Golden.repo().resolve("examples/sigsrv.yaml"));
        String endpoint = "    endpoint: https://p1c0.sigsrv.local:6443\n";
        String workers = "      - name: worker\n        role: worker\n        count: 6\n";
        assertThat(text).contains(endpoint, workers);
        return Fixtures.spec(text.replace(endpoint, endpoint + extra).replace(workers, workers + group));
    }

    private MachineConfigs.Generated generate(Spec spec) {
        Cluster p1 = Fixtures.cluster(spec, "p1");
        return MachineConfigs.generate(p1, new ConfigInputs(SECRETS, Fixtures.nodes(spec, p1)), new PatchFiles(dir));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> doc(MachineConfigs.Generated g, String node) {
        String yaml = g.configs().stream().filter(c -> c.node().equals(node)).findFirst().orElseThrow().yaml();
        assertThat(TalosSchema.errors(yaml)).as(node).isEmpty();
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    private static List<String> keys(Object map) {
        return ((Map<?, ?>) map).keySet().stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> doc, String... path) {
        Object v = doc;
        for (String key : path) {
            v = ((Map<String, Object>) v).get(key);
        }
        return v;
    }

    @Test
    void nodeOverGroupOverCluster() throws IOException {
        Files.writeString(dir.resolve("extra-sans.yaml"), "machine:\n  certSANs: [talos.example]\n");
        Spec spec = example("""
                    patches:
                      - machine:
                          sysctls: {a: "cluster", b: "cluster"}
                      - extra-sans.yaml
                    node-patches:
                      p1-worker-2:
                        - machine:
                            sysctls: {c: "node"}
                """, """
                        patches:
                          - machine:
                              sysctls: {b: "group", c: "group"}
                """);
        MachineConfigs.Generated g = generate(spec);
        assertThat(g.diagnostics().sorted()).isEmpty();
        assertThat(at(doc(g, "p1-worker-2"), "machine", "sysctls"))
                .isEqualTo(Map.of("a", "cluster", "b", "group", "c", "node"));
        assertThat(at(doc(g, "p1-worker-1"), "machine", "sysctls"))
                .isEqualTo(Map.of("a", "cluster", "b", "group", "c", "group"));
        assertThat(at(doc(g, "p1-controlplane-1"), "machine", "sysctls"))
                .isEqualTo(Map.of("a", "cluster", "b", "cluster"));
        // a list is appended to: the file patch's SAN follows the generated ones
        assertThat(at(doc(g, "p1-controlplane-1"), "machine", "certSANs"))
                .isEqualTo(List.of("p1c0.sigsrv.local", "172.20.0.101", "talos.example"));
    }

    @Test
    void aPatchThatBreaksTalossDocumentIsRefusedWithItsPath() throws IOException {
        Spec spec = example("""
                    patches:
                      - machine:
                          install:
                            - /dev/vda
                """, "");
        MachineConfigs.Generated g = generate(spec);
        assertThat(g.configs()).isEmpty();
        List<Diagnostic> problems = g.diagnostics().sorted();
        assertThat(problems).hasSize(12).allMatch(d -> d.rule().equals("talos-patch"));
        // the patch's "- machine:" is two lines below p1's endpoint
        int line = (int) Files.readString(Golden.repo().resolve("examples/sigsrv.yaml")).lines()
                .takeWhile(l -> !l.equals("    endpoint: https://p1c0.sigsrv.local:6443")).count() + 3;
        assertThat(problems.getFirst().summary()).isEqualTo("node p1-controlplane-1: the patch at line " + line
                + " gives machine.install a list, where the document has a map; Talos would refuse it");
        assertThat(problems.getFirst().pos().line()).isEqualTo(line);
    }

    @Test
    void aPatchOfTheWrongScalarTypeIsRefused() throws IOException {
        Spec spec = example("""
                    patches:
                      - machine:
                          install:
                            wipe: "yes"
                """, "");
        assertThat(generate(spec).diagnostics().sorted().getFirst().summary()).contains(
                "gives machine.install.wipe a text, where the document has true or false");
    }

    @Test
    void aMissingOrShapelessPatchFileIsRefused() throws IOException {
        Files.writeString(dir.resolve("list.yaml"), "- a\n- b\n");
        Spec missing = example("    patches: [nowhere.yaml]\n", "");
        assertThat(generate(missing).diagnostics().sorted().getFirst().summary())
                .isEqualTo("patch file " + dir.resolve("nowhere.yaml") + " does not exist");
        Spec list = example("    patches: [list.yaml]\n", "");
        assertThat(generate(list).diagnostics().sorted().getFirst().summary())
                .isEqualTo("patch file " + dir.resolve("list.yaml") + " holds a list, not a map");
    }

    @Test
    void anEmptyTextLeavesTheValueAndFalseReplacesIt() throws IOException {
        Spec spec = example("""
                    patches:
                      - machine:
                          install:
                            disk: ""
                          features:
                            rbac: false
                """, "");
        Map<String, Object> doc = doc(generate(spec), "p1-worker-1");
        assertThat(at(doc, "machine", "install", "disk")).isEqualTo("/dev/sda");
        assertThat(at(doc, "machine", "features", "rbac")).isEqualTo(false);
    }

    @Test
    void deletePatchRemovesAKey() throws IOException {
        Spec spec = example("""
                    patches:
                      - machine:
                          features:
                            hostDNS:
                              $patch: delete
                """, "");
        MachineConfigs.Generated g = generate(spec);
        assertThat(keys(at(doc(g, "p1-worker-1"), "machine", "features"))).doesNotContain("hostDNS");
    }

    @Test
    void cniNoneAndNoKubeProxy() throws IOException {
        Spec spec = example("    cni: none\n    kube-proxy: false\n", "");
        MachineConfigs.Generated g = generate(spec);
        Map<String, Object> cp = doc(g, "p1-controlplane-1");
        assertThat(at(cp, "cluster", "network", "cni")).isEqualTo(Map.of("name", "none"));
        assertThat(at(cp, "cluster", "proxy")).isEqualTo(Map.of("disabled", true));
        // Talos's defaults when the spec says nothing: Flannel and kube-proxy
        MachineConfigs.Generated plain = generate(example("", ""));
        assertThat(keys(at(doc(plain, "p1-controlplane-1"), "cluster", "network"))).doesNotContain("cni");
        assertThat(keys(at(doc(plain, "p1-controlplane-1"), "cluster"))).doesNotContain("proxy");
    }

    @Test
    void kubernetesVersionAndInstallerImage() throws IOException {
        Spec spec = example("    kubernetes: v1.33.1\n    installer: factory.talos.dev/installer/abc:v1.10.2\n", "");
        Map<String, Object> cp = doc(generate(spec), "p1-controlplane-1");
        assertThat(at(cp, "machine", "kubelet", "image")).isEqualTo("ghcr.io/siderolabs/kubelet:v1.33.1");
        assertThat(at(cp, "cluster", "apiServer", "image")).isEqualTo("registry.k8s.io/kube-apiserver:v1.33.1");
        assertThat(at(cp, "cluster", "proxy", "image")).isEqualTo("registry.k8s.io/kube-proxy:v1.33.1");
        assertThat(at(cp, "machine", "install", "image")).isEqualTo("factory.talos.dev/installer/abc:v1.10.2");
    }

    @Test
    void certificateSansNameTheEndpointAndTheNodeAddresses() throws IOException {
        MachineConfigs.Generated g = generate(example("", ""));
        Map<String, Object> cp = doc(g, "p1-controlplane-2");
        assertThat(at(cp, "machine", "certSANs")).isEqualTo(List.of("p1c0.sigsrv.local", "172.20.0.102"));
        assertThat(at(cp, "cluster", "apiServer", "certSANs"))
                .isEqualTo(List.of("p1c0.sigsrv.local", "172.20.0.101", "172.20.0.102", "172.20.0.103"));
        assertThat(at(doc(g, "p1-worker-6"), "machine", "certSANs")).isEqualTo(List.of("172.20.0.112"));
    }
}
