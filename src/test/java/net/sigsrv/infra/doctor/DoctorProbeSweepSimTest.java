package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.ExampleSim;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe project stays between runs, and what earlier runs left in it is removed by the next run: a probe whose
 * mark ({@link Probes#UNTIL}) is past or missing is stopped (running) or deleted (stopped), one still in use by
 * another run is left alone.
 */
class DoctorProbeSweepSimTest {

    @TempDir
    static Path dir;

    private static Cli.Result sim(String... args) {
        return ExampleSim.in(dir).run(args);
    }

    @AfterAll
    static void stop() throws IOException {
        ExampleSim.in(dir).stop();
    }

    @Test
    void probesLeftByEarlierRunsAreRemovedAndLiveOnesKept() throws Exception {
        String example = Golden.repo().resolve("examples/sigsrv.yaml").toString();
        assertThat(sim("sim", "reset").exitCode()).isZero();
        Cli.Result apply = sim("--sim", "apply", "--auto-approve", example);
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        long now = Instant.now().getEpochSecond();
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            client.projects().create(Doctor.PROBE_PROJECT, "probes", Map.of("features.images", "false",
                    "features.profiles", "false", "user.sigsrv-infra.doctor", "probes"));
            probe(client, "doctor-dead0-0", Map.of(Probes.UNTIL, String.valueOf(now - 5)), true);
            probe(client, "doctor-older-0", Map.of(), true);
            probe(client, "doctor-stuck-0", Map.of(Probes.UNTIL, String.valueOf(now - 5)), false);
            probe(client, "doctor-alive-0", Map.of(Probes.UNTIL, String.valueOf(now + 600)), true);

            Cli.Result d = sim("--sim", "doctor", "--exit-zero", example);
            assertThat(d.exitCode()).as(d.all()).isZero();
            assertThat(d.err()).contains("removing 3 probe container(s) left by earlier runs");

            // the requests are not waited for: give the daemon a moment to carry them out
            long deadline = System.nanoTime() + 10_000_000_000L;
            Map<String, String> status;
            do {
                status = statuses(client);
                if (!status.containsKey("doctor-stuck-0") && !"Running".equals(status.get("doctor-dead0-0"))
                        && !"Running".equals(status.get("doctor-older-0"))) {
                    break;
                }
                Thread.sleep(100);
            } while (System.nanoTime() < deadline);
            assertThat(status).as("a stopped leftover is deleted").doesNotContainKey("doctor-stuck-0");
            // the simulator keeps stopped instances (its instances are not ephemeral): the daemon deletes a probe
            assertThat(status.get("doctor-dead0-0")).as("a leftover past its mark is stopped").isNotEqualTo("Running");
            assertThat(status.get("doctor-older-0")).as("an unmarked leftover is stopped").isNotEqualTo("Running");
            assertThat(status.get("doctor-alive-0")).as("another run's probe in use is left alone")
                    .isEqualTo("Running");
            assertThat(client.projects().list()).as("the probe project stays between runs")
                    .anyMatch(p -> p.name().equals(Doctor.PROBE_PROJECT));
        }
    }

    @Test
    void aProbeIsALeftoverOnceItsMarkIsPastMissingOrUnreadable() {
        long now = 1_000_000;
        assertThat(Probes.leftover(withConfig(Map.of(Probes.UNTIL, "999999")), now)).isTrue();
        assertThat(Probes.leftover(withConfig(Map.of(Probes.UNTIL, "1000001")), now)).isFalse();
        assertThat(Probes.leftover(withConfig(Map.of()), now)).isTrue();
        assertThat(Probes.leftover(withConfig(Map.of(Probes.UNTIL, "soon")), now)).isTrue();
    }

    private static Instance withConfig(Map<String, String> config) {
        return new Instance("doctor-x-0", "", "container", "Running", 103, "sigsrv", Doctor.PROBE_PROJECT, config,
                Map.of(), config, Map.of(), List.of(), true, false, "x86_64", null);
    }

    private static void probe(IncusClient client, String name, Map<String, String> config, boolean start) {
        client.instances().create(Doctor.PROBE_PROJECT, InstanceCreate.container(name, "busybox")
                .withConfig(config), "sigsrv", start);
    }

    private static Map<String, String> statuses(IncusClient client) {
        Map<String, String> out = new java.util.HashMap<>();
        try {
            client.instances().list(Doctor.PROBE_PROJECT).forEach(i -> out.put(i.name(), i.status()));
        } catch (IncusException e) {
            throw new AssertionError(e);
        }
        return out;
    }
}
