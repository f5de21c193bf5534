package net.sigsrv.infra.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.Test;

/**
 * A cluster's node VMs reserve their addresses (NIC {@code ipv4.address}, {@code talos.nodes.NodePlan}), so the
 * bridge every member carries that they sit on gets the late offer to unknown clients too, as it does for
 * instances with a reserved address ({@code DesiredReservationsTest}).
 */
class ClusterReservationsTest {

    @Test
    void theExampleClustersBridgeOffersLateToClientsWithoutAReservation() throws IOException {
        byte[] yaml = Files.readAllBytes(Golden.repo().resolve("examples/sigsrv.yaml"));
        Spec spec = SpecLoader.parse(yaml, "sigsrv.yaml").spec().orElseThrow();
        assertThat(spec.instances().stream().flatMap(i -> i.settings().nics().stream())
                .filter(n -> n.network().equals("sigsrvbr0")).allMatch(n -> n.ipv4().isEmpty()))
                .as("no instance of the example reserves an address on sigsrvbr0: only the cluster does").isTrue();
        Resource network = Desired.of(spec, List.of("sigsrv", "minisrv"), true)
                .get(Address.of(Kind.NETWORK, "sigsrvbr0"));
        assertThat(network.field("config." + Desired.RAW_DNSMASQ)).contains(Desired.OFFER_LATE_TO_UNKNOWN);
        assertThat(Desired.of(spec, List.of("sigsrv", "minisrv"), true).get(Address.of(Kind.NETWORK, "userbr0"))
                .has("config." + Desired.RAW_DNSMASQ)).as("no node on userbr0").isFalse();
    }
}
