package net.sigsrv.infra.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --sim}, {@code infra sim reset|fault} and apply/plan against the simulator, in-process. */
class SimCliTest {

    private static final String SPEC = """
            lab: simcli
            hosts:
              - name: sigsrv
                address: https://sigsrv.local:8443
              - name: minisrv
                address: https://minisrv.local:8443
            networks:
              - name: simbr0
                vlan: 20
                interface: sigsrv0
                ipv4: 10.77.0.0/24
            storage:
              - name: fast
                driver: zfs
                source: {sigsrv: tank/incus, minisrv: tank/incus}
            instances:
              - name: web
                image: images:debian/12
                target: minisrv
                root: {pool: fast, size: 10GiB}
                nics:
                  - name: eth0
                    network: simbr0
                    ipv4: 10.77.0.20
              - name: vm1
                type: virtual-machine
                image: images:debian/12
                target: sigsrv
                root: {pool: fast, size: 20GiB}
                nics:
                  - name: eth0
                    network: simbr0
            """;

    @TempDir
    Path dir;

    private Cli.Result sim(String... args) {
        return Cli.sim(dir.resolve("state"), args);
    }

    @Test
    void exampleLabConvergesInOneApplyAndStaysConvergedInANewProcess() throws IOException {
        String example = Golden.repo().resolve("examples/sigsrv.yaml").toString();
        Cli.Result apply = sim("apply", "--auto-approve", example);
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        // 24 objects of the lab, and cluster p1's Incus part: 12 node VMs, 5 volumes (2 ISO, 3 data), 12 records
        assertThat(apply.all()).contains("Apply complete! Resources: 53 added, 0 changed, 0 destroyed.")
                .contains("instance.sigsrv-p1/bastion: Creation complete"); // the example's virtual machine
        assertThat(sim("plan", example).out()).contains("No changes.");
        Sim.stopEmbedded(dir.resolve("state"));
        assertThat(dir.resolve("state/state.json")).exists();
        Cli.Result again = sim("plan", example);
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes.");
        Sim.stopEmbedded(dir.resolve("state"));
    }

    @Test
    void containersAndVirtualMachinesRunOnTheirTargets() throws IOException {
        Path spec = dir.resolve("lab.yaml");
        Files.writeString(spec, SPEC);
        Cli.Result apply = sim("apply", "--auto-approve", spec.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(sim("plan", spec.toString()).out()).contains("No changes.");
        Cli.Result instances = sim("instances", "-o", "json");
        assertThat(instances.out()).contains("\"virtual-machine\"", "\"container\"", "10.77.0.20");
        Sim.stopEmbedded(dir.resolve("state"));
    }

    @Test
    void simAndRemoteTogetherAreBadInput() {
        Cli.Result r = sim("--remote", "lab", "hosts");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--sim and --remote");
    }

    @Test
    void resetChoosesTheMembersAndFaultsShowInHosts() throws IOException {
        Cli.Result reset = sim("sim", "reset", "--members", "n1,n2,n3");
        assertThat(reset.exitCode()).as(reset.all()).isZero();
        assertThat(reset.out()).contains("n1, n2, n3");
        assertThat(sim("hosts").out()).contains("n1", "n2", "n3").doesNotContain("Offline");
        Cli.Result stop = sim("sim", "fault", "stop-member", "n2");
        assertThat(stop.exitCode()).as(stop.all()).isZero();
        assertThat(sim("hosts").out()).containsPattern("n2 +Offline").contains("No heartbeat for");
        assertThat(sim("sim", "fault", "list").out()).contains("stop-member\tn2");
        assertThat(sim("sim", "fault", "heal").exitCode()).isZero();
        assertThat(sim("hosts").out()).doesNotContain("Offline");
        Sim.stopEmbedded(dir.resolve("state"));
    }

    @Test
    void badFaultsAreBadInput() throws IOException {
        Cli.Result unknown = sim("sim", "fault", "unplug", "sigsrv");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown fault 'unplug'");
        Cli.Result detached = sim("sim", "fault", "detach-vlan", "sigsrv", "sigsrv0");
        assertThat(detached.exitCode()).isEqualTo(2);
        assertThat(detached.err()).contains("sigsrv:sigsrv0 is not attached to a bridge");
        Cli.Result noMember = sim("sim", "fault", "stop-member", "nosuch");
        assertThat(noMember.exitCode()).isEqualTo(2);
        Sim.stopEmbedded(dir.resolve("state"));
    }

    @Test
    void lxdFlavourStartsInstancesAfterCreating() throws IOException {
        assertThat(sim("sim", "reset", "--flavour", "lxd").exitCode()).isZero();
        Path spec = dir.resolve("lab.yaml");
        Files.writeString(spec, SPEC);
        Cli.Result apply = sim("apply", "--auto-approve", spec.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(sim("plan", spec.toString()).out()).contains("No changes.");
        assertThat(sim("sim", "reset", "--flavour", "bsd").exitCode()).isEqualTo(2);
        Sim.stopEmbedded(dir.resolve("state"));
    }
}
