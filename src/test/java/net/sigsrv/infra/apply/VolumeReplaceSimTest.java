package net.sigsrv.infra.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.engine.Engine;
import net.sigsrv.infra.engine.IncusLayer;
import net.sigsrv.infra.graph.WalkListener;
import net.sigsrv.infra.graph.WalkResult;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.FieldChange;
import net.sigsrv.infra.plan.Observed;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running virtual machine's data volume turns from a filesystem into a block volume: the volume is replaced while
 * the VM stays (only its disk device changes, in place). Against the simulator, since the lab cannot run VMs; the
 * simulator refuses to delete a mounted volume exactly as the daemon does (a conformance case), so this fails unless
 * the VM lets go of the volume first and gets the new one back as the spec has it.
 */
class VolumeReplaceSimTest {

    private static final String SPEC = """
            lab: simvol
            hosts:
              - name: sigsrv
                address: https://sigsrv.local:8443
              - name: minisrv
                address: https://minisrv.local:8443
            storage:
              - name: fast
                driver: zfs
                source: {sigsrv: tank/incus, minisrv: tank/incus}
            instances:
              - name: db
                type: virtual-machine
                image: images:debian/12
                target: sigsrv
                state: running
                root: {pool: fast, size: 20GiB}
                disks:
            %s
            """;
    private static final String FILESYSTEM = "      - {name: data, pool: fast, size: 4GiB, path: /srv/data}";
    private static final String BLOCK = "      - {name: data, pool: fast, size: 4GiB, content: block}";

    @TempDir
    Path dir;

    private Cli.Result sim(String... args) {
        return Cli.sim(dir.resolve("state"), args);
    }

    @AfterEach
    void stop() throws IOException {
        Sim.stopEmbedded(dir.resolve("state"));
    }

    @Test
    void aMountedVolumeIsReplacedAndTheRunningVmKeepsItsDiskAsTheSpecSays() throws IOException {
        Path filesystem = Files.writeString(dir.resolve("fs.yaml"), SPEC.formatted(FILESYSTEM));
        Path block = Files.writeString(dir.resolve("block.yaml"), SPEC.formatted(BLOCK));
        Cli.Result first = sim("apply", "--auto-approve", filesystem.toString());
        assertThat(first.exitCode()).as(first.all()).isZero();

        Cli.Result planned = sim("plan", block.toString());
        assertThat(planned.out()).contains("-/+ volume.default/fast/db-data")
                .contains("content_type = \"filesystem\" -> \"block\" # forces replacement")
                .contains("~ instance.default/db");
        Cli.Result replaced = sim("apply", "--auto-approve", block.toString());
        assertThat(replaced.exitCode()).as(replaced.all()).isZero();
        assertThat(replaced.out()).contains("Apply complete! Resources: 0 added, 2 changed, 0 destroyed.");

        Cli.Result again = sim("plan", block.toString());
        assertThat(again.out()).as(again.all()).contains("No changes");
        Cli.Result shown = sim("instance", "show", "db", "-o", "json");
        assertThat(shown.out()).contains("\"status\" : \"Running\"").contains("\"source\" : \"db-data\"")
                .doesNotContain("/srv/data");
    }

    /**
     * The plan blocks replacing a protected instance's volume; a plan that says otherwise anyway (made before the
     * instance was protected, or edited) is refused at the moment of the replacement, before anything changes.
     */
    @Test
    void aVolumeOfAProtectedInstanceIsNotReplacedByAPlanThatSaysSo() throws IOException {
        Path spec = Files.writeString(dir.resolve("protected.yaml"), SPEC.formatted(FILESYSTEM)
                .replace("    state: running\n", "    state: running\n    protect: true\n"));
        Cli.Result first = sim("apply", "--auto-approve", spec.toString());
        assertThat(first.exitCode()).as(first.all()).isZero();

        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            Observed observed = new Observer(client).observe("simvol");
            Address data = Address.volume("default", "fast", "db-data");
            Resource before = observed.resources().get(data);
            Map<String, String> fields = new TreeMap<>(before.fields());
            fields.put("content_type", "block");
            Change replace = new Change(data, Action.REPLACE, Optional.of(before),
                    Optional.of(new Resource(data, fields, true)),
                    List.of(new FieldChange("content_type", "filesystem", "block", true)), Optional.empty());
            WalkResult<Change> result = Engine.of(new IncusLayer(client).onMembers(observed.members()))
                    .apply(new Plan("simvol", List.of(replace), List.of(), ""), 1, WalkListener.none());

            assertThat(result.rootErrors()).singleElement().satisfies(f -> assertThat(f.error()).hasMessage(
                    "volume.default/fast/db-data is mounted by protected instance instance.default/db and would be"
                            + " replaced (a replacement starts empty); nothing was changed"));
        }
        Cli.Result after = sim("plan", spec.toString());
        assertThat(after.out()).as(after.all()).contains("No changes");
    }
}
