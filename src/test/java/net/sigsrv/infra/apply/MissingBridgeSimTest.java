package net.sigsrv.infra.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.ExampleSim;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A managed bridge whose device is gone on one member while the daemon still lists the network as Created ({@code
 * infra sim fault del-bridge}, as {@code lab/fault del-bridge} on the real lab): the plan shows it, apply makes the
 * daemon set the bridge up again, and the next plan has no changes. {@link MissingBridgeLabTest} holds the same on
 * LXD 5.0.2.
 */
class MissingBridgeSimTest {

    @TempDir
    static Path dir;

    private static Cli.Result sim(String... args) {
        return ExampleSim.in(dir).run(args);
    }

    private static String example() {
        return ExampleSim.example();
    }

    @BeforeAll
    static void exampleLab() {
        ExampleSim.in(dir).resetAndApplyExample();
    }

    @AfterAll
    static void stop() throws IOException {
        ExampleSim.in(dir).stop();
    }

    @Test
    void aMissingBridgeIsPlannedRepairedAndThenThereIsNothingToDo() throws IOException {
        Cli.Result fault = sim("sim", "fault", "del-bridge", "minisrv", "userbr0");
        assertThat(fault.exitCode()).as(fault.all()).isZero();
        assertThat(fault.out()).contains("fault: bridge userbr0 deleted on minisrv (it held: user0); the network"
                + " stays Created");

        Cli.Result plan = sim("--sim", "plan", "--detailed-exitcode", example());
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(1);
        assertThat(plan.out()).contains("""
                  # network.userbr0@minisrv will be updated in-place
                  ~ network.userbr0@minisrv
                      ~ bridge = "missing" -> "present"
                """).contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.");

        Cli.Result apply = sim("--sim", "apply", "--auto-approve", example());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            assertThat(client.networks().state("userbr0", "minisrv").bridge().upperDevices())
                    .as("the bridge is back on minisrv with its VLAN interface").containsExactly("user0");
            assertThat(client.networks().get("default", "userbr0", "minisrv").value().config())
                    .as("the member's config is as it was").containsEntry("bridge.external_interfaces", "user0");
        }
        Cli.Result again = sim("--sim", "plan", "--detailed-exitcode", example());
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(again.out()).contains("No changes.");
    }

    @Test
    void theFaultIsTheDaemonsView() throws IOException {
        assertThat(sim("sim", "fault", "del-bridge", "sigsrv", "incusbr0").exitCode()).isZero();
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            assertThat(client.networks().get("default", "incusbr0", "sigsrv").value().status())
                    .as("still Created in the API").isEqualTo("Created");
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(IncusException.class,
                    () -> client.networks().state("incusbr0", "sigsrv")))
                    .satisfies(e -> {
                        assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND);
                        assertThat(e.getMessage()).contains("Network interface \"incusbr0\" not found");
                    });
            assertThat(client.networks().state("incusbr0", "minisrv").bridge().upperDevices()).contains("incus0");
        } finally {
            assertThat(sim("sim", "fault", "heal").exitCode()).isZero();
        }
        Cli.Result plan = sim("--sim", "plan", "--detailed-exitcode", example());
        assertThat(plan.exitCode()).as("heal sets it up again: " + plan.all()).isZero();
    }
}
