package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "No storage shared between projects" on the real lab: a project without {@code features.storage.volumes} uses the
 * default project's volumes, so one volume there can end up mounted by instances of both projects. The doctor
 * finds that from the instances' disks alone and names the volume and both projects; once the other project's
 * instance lets go of it, the check is green again.
 */
@Tag("lab")
class DoctorIsolationLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> volumeChecks() {
        Cli.Result r = Cli.run("doctor", "--remote", "lab", "--check", "security-volume-shared", "-o", "json");
        try {
            JsonNode report = JSON.readTree(r.out());
            List<JsonNode> out = new ArrayList<>();
            report.get("checks").forEach(out::add);
            assertThat(out).as(r.all()).isNotEmpty().allSatisfy(c -> assertThat(c.get("id").asText())
                    .isEqualTo("security-volume-shared"));
            assertThat(r.exitCode()).as(r.all()).isEqualTo(out.stream().anyMatch(c -> c.get("status").asText()
                    .equals("error")) ? 3 : 0);
            return out;
        } catch (IOException e) {
            throw new AssertionError("no JSON from the doctor: " + r.all(), e);
        }
    }

    @Test
    void aVolumeMountedFromTwoProjectsIsAnErrorNamingBoth() {
        String token = Lab.token();
        String project = "tiso" + token + "-p";
        String volume = "tiso" + token + "-data";
        String mine = "tiso" + token + "-own";
        String theirs = "tiso" + token + "-other";
        Lab.createProject(project, "doctor isolation test (removed when it ends)", false);
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            try {
                client.storage().createVolume("default", "default", volume, "filesystem", Lab.first(), Map.of());
                Map<String, Map<String, String>> disk = Map.of("data", Map.of("type", "disk", "pool", "default",
                        "source", volume, "path", "/srv/data"));
                client.instances().create("default", InstanceCreate.container(mine, Lab.imageAlias())
                        .withDevices(disk), Lab.first(), false);
                client.instances().create(project, InstanceCreate.container(theirs, Lab.imageAlias())
                        .withDevices(disk), Lab.first(), false);

                assertThat(volumeChecks()).filteredOn(c -> c.get("subject").asText().equals("default/default/"
                        + volume)).singleElement().satisfies(c -> {
                            assertThat(c.get("status").asText()).isEqualTo("error");
                            assertThat(c.get("summary").asText()).isEqualTo("volume " + volume + " in pool default"
                                    + " (project default) is attached to instances of projects default, " + project);
                            assertThat(c.get("evidence")).extracting(JsonNode::asText).containsExactly(
                                    "project default: " + mine + " (disk data)",
                                    "project " + project + ": " + theirs + " (disk data)");
                        });

                client.instances().delete(project, theirs);
                assertThat(volumeChecks()).noneMatch(c -> c.get("subject").asText().endsWith(volume))
                        .allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("ok"));
            } finally {
                quietly(() -> client.instances().delete(project, theirs));
                quietly(() -> client.instances().delete("default", mine));
                quietly(() -> client.storage().deleteVolume("default", "default", volume, Lab.first()));
            }
        }
        Lab.deleteProjectLeavingNothing(project, token);
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (IncusException e) {
            // gone already
        }
    }
}
