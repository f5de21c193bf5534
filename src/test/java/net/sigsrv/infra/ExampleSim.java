package net.sigsrv.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.sim.Sim;

/**
 * The fixture of the simulator tests that break and heal a lab: an embedded simulator whose state lives in
 * {@code STATE}, driven through the CLI as a user would ({@code infra --sim-dir STATE …}), with the example lab
 * ({@code examples/sigsrv.yaml}) applied.
 */
public record ExampleSim(Path state) {

    /** The simulator kept in {@code dir/state} (a test's {@code @TempDir}). */
    public static ExampleSim in(Path dir) {
        return new ExampleSim(dir.resolve("state"));
    }

    public static String example() {
        return Golden.repo().resolve("examples/sigsrv.yaml").toString();
    }

    /** {@code infra --sim-dir STATE ARGS…} (add {@code --sim} to ARGS to talk to the simulator). */
    public Cli.Result run(String... args) {
        List<String> all = new ArrayList<>(List.of("--sim-dir", state.toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    /** A fresh simulator with the example lab applied. */
    public void resetAndApplyExample() {
        Cli.Result reset = run("sim", "reset");
        assertThat(reset.exitCode()).as(reset.all()).isZero();
        Cli.Result apply = run("--sim", "apply", "--auto-approve", example());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
    }

    /** {@code sim fault heal}: every fault undone. */
    public void heal() {
        Cli.Result r = run("sim", "fault", "heal");
        assertThat(r.exitCode()).as(r.all()).isZero();
    }

    public void stop() throws IOException {
        Sim.stopEmbedded(state);
    }

    /** The doctor's JSON report ({@code --sim doctor -o json SPEC…}); no spec given means none. */
    public JsonNode doctorJson(String... spec) {
        List<String> args = new ArrayList<>(List.of("--sim", "doctor", "-o", "json"));
        args.addAll(List.of(spec));
        Cli.Result r = run(args.toArray(String[]::new));
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("no JSON from the doctor: " + r.all(), e);
        }
    }
}
