package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.ApiPath;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving a running container with its data volume to the other member replaces both. The daemon refuses to delete
 * a volume still mounted, so the volume's replacement first takes it away from the container; one apply converges
 * and the next plan is empty.
 */
@Tag("lab")
class VolumeReplaceLabTest {

    private static String withData(String pool) {
        return """
                        state: running
                        disks:
                          - name: data
                            pool: %s
                            volume: data
                            size: 64MiB
                            path: /srv/data
                """.formatted(pool);
    }

    @Test
    void aRunningContainerMovesToTheOtherMemberWithItsMountedVolumeInOneApply(@TempDir Path dir) {
        try (TestLab t = TestLab.create("tvol", dir)) {
            String p = t.project();
            Path onSigsrv = t.write("sigsrv.yaml", t.spec().instance("c1", Lab.first(), withData(t.pool())));
            expect(TestLab.apply(onSigsrv), 0);
            assertThat(volume(t, p).path("location").asText()).isEqualTo(Lab.first());
            assertThat(volume(t, p).path("used_by").toString()).contains("/1.0/instances/c1");

            Path onMinisrv = t.write("minisrv.yaml", t.spec().instance("c1", Lab.second(), withData(t.pool())));
            Cli.Result planned = expect(TestLab.plan(onMinisrv), 0);
            assertThat(planned.out()).contains("-/+ volume." + p + "/" + t.pool() + "/data")
                    .contains("-/+ instance." + p + "/c1");
            Cli.Result moved = expect(TestLab.apply(onMinisrv), 0);
            assertThat(moved.out()).contains("Apply complete! Resources: 0 added, 2 changed, 0 destroyed.");

            JsonNode c1 = t.instance(p, "c1").orElseThrow();
            assertThat(c1.path("location").asText()).isEqualTo(Lab.second());
            assertThat(c1.path("status").asText()).isEqualTo("Running");
            assertThat(c1.at("/devices/data/source").asText()).isEqualTo("data");
            assertThat(volume(t, p).path("location").asText()).isEqualTo(Lab.second());
            assertThat(expect(TestLab.plan(onMinisrv), 0).out()).contains("No changes");
        }
    }

    private static JsonNode volume(TestLab t, String project) {
        return t.client.get(ApiPath.of("/1.0/storage-pools", t.pool(), "volumes", "custom", "data").project(project),
                new TypeReference<JsonNode>() { });
    }
}
