package net.sigsrv.infra.ops;

import static net.sigsrv.infra.ops.OpsLab.expect;
import static net.sigsrv.infra.ops.OpsLab.infra;
import static net.sigsrv.infra.ops.OpsLab.json;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Projects on the real lab: create → show usage against limits → set → refuse a non-empty delete → switch → delete. */
@Tag("lab")
class ProjectOpsLabTest {

    @Test
    void createShowSetSwitchAndDeleteAProject(@TempDir Path config) throws Exception {
        String previous = System.getProperty("sigsrv.infra.config");
        System.setProperty("sigsrv.infra.config", config.toString());
        try (OpsLab lab = new OpsLab()) {
            String p = "ops-p-" + lab.token;
            String c = "c-" + lab.token;
            lab.undo(() -> lab.client.projects().delete(p));
            ok("project", "create", p, "--description", "made by ProjectOpsLabTest", "-c", "limits.instances=3",
                    "-c", "features.profiles=false", "-c", "features.images=false");
            assertThat(ok("project", "list").out()).containsPattern(p + "\\s+made by ProjectOpsLabTest\\s+"
                    + "instances=3");
            assertThat(InstanceOpsLabTest.find(json(ok("project", "list", "-o", "json")), p)).isNotNull();

            lab.forceDeleteInstance(p, c);
            ok("instance", "launch", Lab.imageAlias(), c, "--project", p, "--target", Lab.first());
            JsonNode usage = json(ok("project", "show", p, "-o", "json")).get("usage");
            assertThat(row(usage, "instances")).isEqualTo("1/3");
            assertThat(ok("project", "show", p).out()).containsPattern("instances\\s+1\\s+3");

            ok("project", "set", p, "limits.instances", "5");
            assertThat(row(json(ok("project", "show", p, "-o", "json")).get("usage"), "instances")).isEqualTo("1/5");

            Cli.Result refused = expect(infra("project", "delete", p), 2);
            assertThat(refused.err()).isEqualTo("infra: project " + p + " is not empty: it still holds instance " + c
                    + ". Nothing was deleted. Delete or move those first (e.g. `infra instance delete NAME --project "
                    + p + "`), then delete the project.\n");

            // switch: later commands without --project work in p
            ok("project", "switch", p);
            assertThat(Files.readString(config.resolve("projects"))).contains("lab=" + p);
            assertThat(ok("instance", "list").out()).contains(c);
            ok("instance", "delete", c, "--force");
            ok("project", "switch", "default");
            assertThat(ok("instance", "list", "--project", p).out()).doesNotContain(c);

            ok("project", "delete", p);
            assertThat(InstanceOpsLabTest.find(json(ok("project", "list", "-o", "json")), p)).isNull();
        } finally {
            if (previous == null) {
                System.clearProperty("sigsrv.infra.config");
            } else {
                System.setProperty("sigsrv.infra.config", previous);
            }
        }
    }

    private static String row(JsonNode usage, String resource) {
        for (JsonNode u : usage) {
            if (u.get("resource").asText().equals(resource)) {
                return u.get("usage").asLong() + "/" + u.get("limit").asLong();
            }
        }
        return null;
    }
}
