package net.sigsrv.infra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Lab;

/**
 * The ops commands against the real lab, run in-process as a user types them with {@code --remote lab}, plus a
 * client on the first member's socket to look behind the commands' backs, and undo steps run in reverse when the
 * test ends (an object already gone counts as undone).
 */
final class OpsLab implements AutoCloseable {

    interface Step {
        void run() throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    final String token = Lab.token();
    final IncusClient client;
    private final Deque<Step> undo = new ArrayDeque<>();

    OpsLab() {
        Lab.awaitHealthy();
        client = IncusClient.connect(Lab.unix(Lab.members().getFirst()));
    }

    /** Runs {@code infra ARGS… --remote lab}. */
    static Cli.Result infra(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        int dashes = all.indexOf("--");
        all.add(dashes < 0 ? all.size() : dashes, "--remote");
        all.add(dashes < 0 ? all.size() : dashes + 1, "lab");
        return Cli.run(all.toArray(String[]::new));
    }

    /** Runs the command and asserts its exit code, showing everything it printed when it differs. */
    static Cli.Result ok(String... args) {
        return expect(infra(args), 0);
    }

    static Cli.Result expect(Cli.Result r, int code) {
        assertThat(r.exitCode()).as("exit code; out:\n%s\nerr:\n%s", r.out(), r.err()).isEqualTo(code);
        return r;
    }

    static JsonNode json(Cli.Result r) {
        try {
            return JSON.readTree(r.out());
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + r.out(), e);
        }
    }

    void undo(Step step) {
        undo.push(step);
    }

    /** Deletes an instance whatever its state (for undo steps). */
    void forceDeleteInstance(String project, String name) {
        undo(() -> {
            try {
                client.instances().setState(project, name, "stop", true);
            } catch (IncusException e) {
                // stopped already, or gone
            }
            client.instances().delete(project, name);
        });
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (IncusException e) {
                if (e.kind() != IncusException.Kind.NOT_FOUND && !e.getMessage().toLowerCase().contains("not found")
                        && first == null) {
                    first = e;
                }
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("lab cleanup failed: " + e.getMessage(), e);
                }
            }
        }
        try {
            if (first != null) {
                throw first;
            }
            assertThat(leftovers()).as("what the test left in the lab (names with %s)", token).isEmpty();
        } finally {
            client.close();
        }
    }

    /** Everything in the lab whose name carries this test's token. */
    private List<String> leftovers() {
        List<String> found = new ArrayList<>();
        for (var p : client.projects().list()) {
            if (p.name().contains(token)) {
                found.add("project " + p.name());
            }
            client.instances().list(p.name()).stream().filter(i -> i.name().contains(token))
                    .forEach(i -> found.add("instance " + p.name() + "/" + i.name()));
            client.projects().profiles(p.name()).stream().filter(x -> x.name().contains(token))
                    .forEach(x -> found.add("profile " + p.name() + "/" + x.name()));
            client.networks().acls(p.name()).stream().filter(a -> a.name().contains(token))
                    .forEach(a -> found.add("ACL " + p.name() + "/" + a.name()));
            for (var pool : client.storage().pools()) {
                client.storage().volumes(p.name(), pool.name()).stream().filter(v -> v.name().contains(token))
                        .forEach(v -> found.add("volume " + p.name() + "/" + pool.name() + "/" + v.name()));
            }
        }
        client.networks().list(null).stream().filter(n -> n.name().contains(token))
                .forEach(n -> found.add("network " + n.name()));
        client.networks().zones().stream().filter(z -> z.name().contains(token))
                .forEach(z -> found.add("zone " + z.name()));
        return found;
    }
}
