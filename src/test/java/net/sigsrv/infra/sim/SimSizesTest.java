package net.sigsrv.infra.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator reads sizes with the spec's parser ({@code net.sigsrv.infra.values.Size}): whole numbers, as
 * Incus's own {@code units.ParseByteSizeString}. It used to read {@code 1.5GiB} as 1.5 × 2^30 bytes where the spec
 * (and the daemon) find no size at all; what it cannot read still counts as nothing used, as before.
 */
class SimSizesTest {

    @Test
    void aDecimalSizeIsNotCountedAndWholeOnesAreInEveryUnit(@TempDir Path dir) throws IOException {
        try (Sim.Served served = Sim.serve(new SimStore(dir), 0);
             IncusClient c = IncusClient.connect(new Endpoint.Http(served.server().url()))) {
            String member = c.cluster().members().getFirst().serverName();
            for (String m : c.cluster().members().stream().map(x -> x.serverName()).toList()) {
                c.storage().createPoolOnMember("p", "dir", m, Map.of());
            }
            c.storage().createPool("p", "dir", "", Map.of());
            long before = c.storage().resources("p", member).space().used();
            c.storage().createVolume("default", "p", "half", "filesystem", member, Map.of("size", "1.5GiB"));
            assertThat(c.storage().resources("p", member).space().used()).isEqualTo(before);
            for (String size : List.of("10GB", "512MB")) {
                c.storage().createVolume("default", "p", "v" + size, "filesystem", member, Map.of("size", size));
            }
            assertThat(c.storage().resources("p", member).space().used())
                    .isEqualTo(before + 10_000_000_000L + 512_000_000L);
        }
    }
}
