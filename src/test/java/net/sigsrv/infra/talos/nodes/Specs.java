package net.sigsrv.infra.talos.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;

/** Small valid specs with one cluster, for the node derivation tests. */
final class Specs {

    private Specs() {
    }

    static final String HOSTS = """
            version: 1
            lab: lab
            description: Node plan tests
            hosts:
              - name: sigsrv
                description: First member
              - name: minisrv
                description: Second member
              - name: nanosrv
                description: Third member
            storage:
              - name: nvme
                description: Fast
                driver: zfs
                source: {sigsrv: tank/nvme, minisrv: tank/nvme, nanosrv: tank/nvme}
            """;

    static Spec parse(String yaml) {
        SpecLoader.Loaded loaded = SpecLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
        assertThat(loaded.ok()).as("the test spec is valid: %s", loaded.diagnostics().sorted()).isTrue();
        return loaded.spec().orElseThrow();
    }

    /**
     * One cluster {@code c1} on network {@code sys} ({@code ipv4}, extra network keys {@code netExtra}) with the
     * given groups (YAML list items, indented for {@code node-groups:}), placed on {@code targets}.
     */
    static Spec cluster(String ipv4, String netExtra, String targets, String groups) {
        return parse(HOSTS + """
                networks:
                  - name: sys
                    description: System
                    ipv4: %s
                    zone: sys.test
                %s
                zones:
                  - name: sys.test
                    description: System zone
                projects:
                  - name: k
                    description: Kubernetes
                clusters:
                  - name: c1
                    description: Test cluster
                    project: k
                    network: sys
                    talos: v1.10.2
                    endpoint: https://api.sys.test:6443
                    topology:
                      targets: %s
                    node-groups:
                %s""".formatted(ipv4, netExtra.indent(4).stripTrailing(), targets, groups.indent(6)));
    }

    static String group(String name, String role, int count) {
        return """
                - name: %s
                  role: %s
                  count: %d
                  cpu: 2
                  memory: 2GiB
                """.formatted(name, role, count);
    }

    /** Control planes {@code cp} and workers {@code workers} on a /24 over all three hosts. */
    static Spec cpWorkers(int cp, int workers) {
        return cluster("10.20.0.0/24", "", "[sigsrv, minisrv, nanosrv]",
                group("cp", "controlplane", cp) + group("worker", "worker", workers));
    }
}
