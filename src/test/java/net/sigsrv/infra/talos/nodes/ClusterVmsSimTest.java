package net.sigsrv.infra.talos.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Incus part of the example lab's cluster on the simulator: the plan lists its 12 node VMs, their volumes and
 * records; one apply makes them and the next plan says "No changes"; changing a count touches only the nodes it
 * adds or removes (no other node's address, MAC or host moves); destroy takes it all away again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterVmsSimTest {

    @TempDir
    static Path dir;

    private static Path state() {
        return dir.resolve("state");
    }

    private static String example() {
        return Golden.repo().resolve("examples/sigsrv.yaml").toString();
    }

    /** The example with the worker group's count set to {@code workers}. */
    private static String withWorkers(int workers) throws IOException {
        String yaml = Files.readString(Path.of(example()));
        String worker = "      - name: worker\n        role: worker\n        count: 6\n";
        assertThat(yaml).contains(worker);
        Path copy = dir.resolve("workers-" + workers + ".yaml");
        Files.writeString(copy, yaml.replace(worker, worker.replace("count: 6", "count: " + workers)));
        return copy.toString();
    }

    private static List<String> headers(String plan, String verb) {
        Matcher m = Pattern.compile("(?m)^  # (\\S+) will be " + verb + "$").matcher(plan);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @BeforeAll
    static void reset() {
        Cli.Result r = Cli.run("--sim-dir", state().toString(), "sim", "reset");
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    @AfterAll
    static void stop() throws IOException {
        Sim.stopEmbedded(state());
    }

    @Test
    @Order(1)
    void thePlanListsTwelveVmsTheirVolumesAndRecords() {
        Cli.Result r = Cli.sim(state(), "plan", example());
        assertThat(r.exitCode()).as(r.all()).isZero();
        List<String> created = headers(r.out(), "created");
        assertThat(created.stream().filter(a -> a.startsWith("instance.sigsrv-p1/p1-"))).hasSize(12)
                .contains("instance.sigsrv-p1/p1-controlplane-1", "instance.sigsrv-p1/p1-worker-6");
        assertThat(created.stream().filter(a -> a.startsWith("volume.sigsrv-p1/"))).containsExactlyInAnyOrder(
                "volume.sigsrv-p1/iso/talos-v1.10.2-sigsrv", "volume.sigsrv-p1/iso/talos-v1.10.2-minisrv",
                "volume.sigsrv-p1/nvme/p1-storage-1-data", "volume.sigsrv-p1/nvme/p1-storage-2-data",
                "volume.sigsrv-p1/nvme/p1-storage-3-data");
        // a record per node; the endpoint's name p1c0 is the spec's own record
        assertThat(created.stream().filter(a -> a.startsWith("zone_record.sigsrv.local/p1-"))).hasSize(12);
        assertThat(r.out()).contains("Warning: the Talos part of the clusters: section is not provisioned yet")
                .contains("user.sigsrv-infra.iso.source = "
                        + "\"https://github.com/siderolabs/talos/releases/download/v1.10.2/metal-amd64.iso\"");
    }

    @Test
    @Order(2)
    void oneApplyMakesThemAndTheNextPlanSaysNoChanges() throws IOException {
        Cli.Result apply = Cli.sim(state(), "apply", "--auto-approve", example());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        Cli.Result plan = Cli.sim(state(), "plan", example());
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("No changes.");
        try (IncusClient client = IncusClient.connect(Sim.endpoint(state()))) {
            assertThat(client.instances().list("sigsrv-p1").stream().filter(i -> i.name().startsWith("p1-")))
                    .hasSize(12).allSatisfy(i -> {
                        assertThat(i.type()).isEqualTo("virtual-machine");
                        assertThat(i.isRunning()).isTrue();
                        assertThat(i.config()).as("an empty VM: no image").doesNotContainKey("volatile.base_image");
                    });
        }
    }

    @Test
    @Order(3)
    void fewerWorkersRemovesOnlyTheLastOnesAndMoreAddsOnlyNewOnes() throws IOException {
        Cli.Result fewer = Cli.sim(state(), "plan", withWorkers(4));
        assertThat(fewer.exitCode()).as(fewer.all()).isZero();
        assertThat(headers(fewer.out(), "updated in-place")).as(fewer.out()).isEmpty();
        assertThat(headers(fewer.out(), "created")).as(fewer.out()).isEmpty();
        assertThat(headers(fewer.out(), "destroyed")).as(fewer.out()).containsExactlyInAnyOrder(
                "instance.sigsrv-p1/p1-worker-5", "instance.sigsrv-p1/p1-worker-6",
                "zone_record.sigsrv.local/p1-worker-5", "zone_record.sigsrv.local/p1-worker-6");
        Cli.Result more = Cli.sim(state(), "plan", withWorkers(7)); // 8 would overfill minisrv's 24 CPUs
        assertThat(more.exitCode()).as(more.all()).isZero();
        assertThat(headers(more.out(), "updated in-place")).as(more.out()).isEmpty();
        assertThat(headers(more.out(), "destroyed")).as(more.out()).isEmpty();
        assertThat(headers(more.out(), "created")).as(more.out()).containsExactlyInAnyOrder(
                "instance.sigsrv-p1/p1-worker-7", "zone_record.sigsrv.local/p1-worker-7");
    }

    @Test
    @Order(4)
    void theSimulatorRefusesABlockVolumeOnAContainerAsTheDaemonDoes() throws IOException {
        try (IncusClient client = IncusClient.connect(Sim.endpoint(state()))) {
            assertThatThrownBy(() -> client.instances().create("sigsrv-p1", InstanceCreate.container("box",
                    "busybox").withDevices(Map.of("data", Map.of("type", "disk", "pool", "nvme",
                    "source", "p1-storage-1-data"))), "sigsrv", false))
                    .isInstanceOf(IncusException.class)
                    .hasMessageContaining("Custom block volumes cannot be used on containers");
        }
    }

    @Test
    @Order(5)
    void destroyRemovesTheVmsBeforeTheVolumesTheyUse() {
        Cli.Result destroy = Cli.sim(state(), "destroy", "--auto-approve", example());
        assertThat(destroy.exitCode()).as(destroy.all()).isZero();
        Cli.Result plan = Cli.sim(state(), "plan", example());
        assertThat(plan.out()).contains("Plan: 53 to add, 0 to change, 0 to replace, 0 to destroy.");
    }
}
