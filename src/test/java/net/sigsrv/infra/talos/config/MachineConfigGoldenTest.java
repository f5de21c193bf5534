package net.sigsrv.infra.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.Test;

/**
 * The documents of cluster p1 of examples/sigsrv.yaml, one golden file per kind of node (a control plane, a worker,
 * a storage worker with labels and taints), key material replaced by placeholders; and every one of its 12
 * documents is taken by Talos's published schema.
 */
class MachineConfigGoldenTest {

    private static final ClusterSecrets SECRETS = TestSecrets.fresh();
    private static final Spec SPEC = Fixtures.example();
    private static final Cluster P1 = Fixtures.cluster(SPEC, "p1");

    private static List<MachineConfig> generated() {
        MachineConfigs.Generated g = MachineConfigs.generate(P1,
                new ConfigInputs(SECRETS, Fixtures.nodes(SPEC, P1)), Fixtures.noFiles());
        assertThat(g.diagnostics().sorted()).isEmpty();
        return g.configs();
    }

    @Test
    void controlPlane() throws IOException {
        golden("p1-controlplane-1", "controlplane.yaml");
    }

    @Test
    void worker() throws IOException {
        golden("p1-worker-1", "worker.yaml");
    }

    @Test
    void storageWorkerWithLabelsAndTaints() throws IOException {
        golden("p1-storage-1", "storage-worker.yaml");
    }

    @Test
    void everyDocumentIsTakenByTalossSchema() {
        List<MachineConfig> configs = generated();
        assertThat(configs).hasSize(12);
        for (MachineConfig c : configs) {
            assertThat(TalosSchema.errors(c.yaml())).as(c.node()).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesWhatTalosRefuses() {
        // the validator is not vacuous: an unknown key and a wrong type are refused
        String yaml = generated().getFirst().yaml();
        assertThat(TalosSchema.errors(yaml.replace("    install:\n", "    instal:\n"))).isNotEmpty();
        assertThat(TalosSchema.errors(yaml.replace("wipe: false", "wipe: nope"))).isNotEmpty();
    }

    @Test
    void noSecretInToString() {
        for (MachineConfig c : generated()) {
            assertThat(c.toString()).doesNotContain(SECRETS.trustdToken()).doesNotContain("LS0t");
        }
        assertThat(SECRETS.toString()).doesNotContain(SECRETS.clusterSecret());
    }

    private static void golden(String node, String file) throws IOException {
        MachineConfig config = generated().stream().filter(c -> c.node().equals(node)).findFirst().orElseThrow();
        String redacted = TestSecrets.redacted(config.yaml(), SECRETS);
        assertThat(redacted).doesNotContain("LS0t"); // no base64 PEM left
        Golden.assertMatches(Golden.repo().resolve("src/test/resources/talos/config/" + file), redacted);
    }
}
