package net.sigsrv.infra.talos.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.talos.secrets.SecretsBundle;
import net.sigsrv.infra.talos.secrets.SecretsGenerator;
import org.junit.jupiter.api.Test;

/**
 * A bundle carries one encryption secret for Kubernetes secrets at rest: secretbox (Talos after 1.2) or AES-CBC
 * (1.2 and before, also when imported from such a cluster). A control plane's document carries the one that is set,
 * under Talos's name for it; a worker's carries none.
 */
class MachineConfigEncryptionTest {

    private static final Spec SPEC = Fixtures.example();
    private static final Cluster P1 = Fixtures.cluster(SPEC, "p1");

    private static String yaml(SecretsBundle bundle, String node) {
        MachineConfigs.Generated g = MachineConfigs.generate(P1, new ConfigInputs(bundle, Fixtures.nodes(SPEC, P1)),
                Fixtures.noFiles());
        assertThat(g.diagnostics().sorted()).isEmpty();
        return g.configs().stream().filter(c -> c.node().equals(node)).findFirst().orElseThrow().yaml();
    }

    @Test
    void anAescbcBundleGivesAescbcEncryptionSecret() {
        SecretsBundle old = new SecretsGenerator().generate("v1.2.0", Instant.now());
        assertThat(old.aescbcEncryptionSecret()).isNotEmpty();
        String cp = yaml(old, "p1-controlplane-1");
        assertThat(cp).contains("aescbcEncryptionSecret: " + old.aescbcEncryptionSecret())
                .doesNotContain("secretboxEncryptionSecret");
        assertThat(TalosSchema.errors(cp)).isEmpty();
        assertThat(yaml(old, "p1-worker-1")).doesNotContain("EncryptionSecret");
    }

    @Test
    void aSecretboxBundleGivesSecretboxEncryptionSecret() {
        SecretsBundle current = TestSecrets.fresh();
        assertThat(yaml(current, "p1-controlplane-1"))
                .contains("secretboxEncryptionSecret: " + current.secretboxEncryptionSecret())
                .doesNotContain("aescbcEncryptionSecret");
    }
}
