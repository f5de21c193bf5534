package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.plan.Resource;

/**
 * One lab test's own little lab on the real cluster: a unique {@code lab:} name (so its ownership marks and lock key
 * are its own), its spec files in a temp dir, the CLI and {@code lxc} run as a user runs them, and a cleanup that
 * removes everything the test made even when an assertion failed: hand-made objects first (the test registers
 * them), then an apply of an empty spec of the same lab (unprotecting protected instances before), then, should
 * that leave anything, a delete by hand of every object still carrying this lab's mark. Nothing here uses a VLAN
 * interface: the lab's own bridges ({@code examples/lab.yaml}) hold them.
 */
final class TestLab implements AutoCloseable {

    private static final Duration WAIT = Duration.ofMinutes(2);

    final String lab;
    final Path dir;
    final IncusClient client;
    private final Deque<Runnable> handMade = new ArrayDeque<>();

    private TestLab(String lab, Path dir) {
        this.lab = lab;
        this.dir = dir;
        this.client = IncusClient.connect(Lab.unix(Lab.members().getFirst()));
    }

    /** A lab named {@code prefix} plus four random characters, e.g. {@code tconv7k2q}, once the lab is healthy. */
    static TestLab create(String prefix, Path dir) {
        Lab.json();
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder(prefix);
        for (int i = 0; i < 4; i++) {
            name.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        TestLab lab = new TestLab(name.toString(), dir);
        try {
            lab.waitAllOnline(Duration.ofSeconds(120)); // a fault test just before may have a member rejoining
        } catch (RuntimeException | AssertionError e) {
            lab.client.close();
            throw e;
        }
        return lab;
    }

    String project() {
        return lab + "-p";
    }

    String pool() {
        return lab + "-pool";
    }

    /** A spec of this lab: the two members, its own dir pool and project, and {@code instances}. */
    SpecText spec() {
        return new SpecText(lab).pool(pool()).project(project(), pool());
    }

    Path write(String file, String yaml) {
        try {
            return Files.writeString(dir.resolve(file), yaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path write(String file, SpecText spec) {
        return write(file, spec.yaml());
    }

    static Cli.Result apply(Path spec, String... extra) {
        return Cli.run(concat(List.of("apply", "--remote", "lab", "--auto-approve"), extra, spec));
    }

    static Cli.Result plan(Path spec, String... extra) {
        return Cli.run(concat(List.of("plan", "--remote", "lab"), extra, spec));
    }

    private static String[] concat(List<String> head, String[] extra, Path spec) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(extra));
        all.add(spec.toString());
        return all.toArray(String[]::new);
    }

    /** Asserts an apply or plan ended with {@code code}, showing everything it printed when it did not. */
    static Cli.Result expect(Cli.Result r, int code) {
        assertThat(r.exitCode()).as("exit code; stdout:\n%s\nstderr:\n%s", r.out(), r.err()).isEqualTo(code);
        return r;
    }

    /** Registers how to remove something the test made by hand; run first at cleanup, last registered first. */
    void madeByHand(Runnable remove) {
        handMade.push(remove);
    }

    /** The instance as the daemon shows it (recursion 1), or empty when it does not exist. */
    Optional<JsonNode> instance(String project, String name) {
        try {
            return Optional.of(client.get(ApiPath.of("/1.0/instances", name).project(project),
                    new TypeReference<JsonNode>() { }));
        } catch (IncusException e) {
            if (e.kind() == IncusException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The instances of {@code project}, full objects, as one list call. */
    List<JsonNode> instances(String project) {
        List<JsonNode> out = new ArrayList<>();
        client.get(ApiPath.of("/1.0/instances").project(project).recursion(1), new TypeReference<JsonNode>() { })
                .forEach(out::add);
        return out;
    }

    /** What the lab holds with this lab's ownership mark (per-member parts aside), as the planner sees it. */
    List<Resource> owned() {
        return new Observer(client).observe(lab).resources().values().stream()
                .filter(r -> r.owned() && !r.address().kind().isPerMember()).toList();
    }

    /** Runs {@code lxc} against the lab (its first member's local socket); returns exit code and output. */
    static Cli.Result lxc(String... args) {
        List<String> command = new ArrayList<>();
        command.add("lxc");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("LXD_DIR", Lab.json().at("/members/0/lxd_dir").asText());
        return runProcess(pb, Duration.ofSeconds(60));
    }

    /** Runs {@code lxc} and asserts it succeeded. */
    static String lxcOk(String... args) {
        Cli.Result r = lxc(args);
        assertThat(r.exitCode()).as("lxc %s\n%s", String.join(" ", args), r.out()).isZero();
        return r.out();
    }

    /** Runs {@code lab/fault ARGS} and asserts it succeeded. */
    static String fault(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Golden.repo().resolve("lab/fault").toString());
        command.addAll(List.of(args));
        Cli.Result r = runProcess(new ProcessBuilder(command).redirectErrorStream(true), Duration.ofSeconds(180));
        assertThat(r.exitCode()).as("lab/fault %s\n%s", String.join(" ", args), r.out()).isZero();
        return r.out();
    }

    /** Runs a process with its output in a file (so the timeout holds even when it never closes its output). */
    private static Cli.Result runProcess(ProcessBuilder pb, Duration timeout) {
        Path log = null;
        try {
            log = Files.createTempFile("testlab-", ".out");
            // stdin from /dev/null: lxc init/launch read a config from a stdin that is not a terminal, forever
            Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(pb.command() + " did not end within " + timeout + "; it printed:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Cli.Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    /** The status of {@code member} as the cluster reports it ("Online", "Offline", …). */
    String memberStatus(String member) {
        return client.get(ApiPath.of("/1.0/cluster/members", member), new TypeReference<JsonNode>() { })
                .path("status").asText();
    }

    /** Waits until every member is Online (after a fault) and answers requests forwarded to it. */
    void waitAllOnline(Duration timeout) {
        Poll.until("the lab's members all Online", timeout, Duration.ofSeconds(1), this::notAllOnline,
                String::isEmpty);
    }

    /** "" when every member is Online and answers a request forwarded to it, else what was seen. */
    private String notAllOnline() {
        try {
            JsonNode members = client.get(ApiPath.of("/1.0/cluster/members").recursion(1),
                    new TypeReference<JsonNode>() { });
            StringBuilder seen = new StringBuilder();
            boolean all = true;
            for (JsonNode m : members) {
                seen.append(m.path("server_name").asText()).append('=').append(m.path("status").asText())
                        .append(' ');
                all &= m.path("status").asText().equals("Online");
            }
            if (!all) {
                return seen.toString().strip();
            }
            // Online is not yet enough: a member that just restarted answers requests forwarded to it
            // with "Missing event connection with target cluster member" for a few seconds
            for (JsonNode m : members) {
                client.get(ApiPath.of("/1.0/storage-pools/default").target(m.path("server_name").asText()),
                        new TypeReference<JsonNode>() { });
            }
            return "";
        } catch (IncusException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        while (!handMade.isEmpty()) {
            try {
                handMade.pop().run();
            } catch (RuntimeException | AssertionError e) {
                problems.add("hand-made object: " + e.getMessage());
            }
        }
        try {
            unprotect();
        } catch (RuntimeException e) {
            problems.add("unprotect: " + e.getMessage());
        }
        Path empty = write("cleanup.yaml", new SpecText(lab));
        Cli.Result last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                waitAllOnline(Duration.ofSeconds(120)); // a member another test stopped cannot delete its part
            } catch (RuntimeException | AssertionError e) {
                problems.add("lab not healthy before cleanup: " + e.getMessage());
            }
            last = Cli.run("apply", "--remote", "lab", "--auto-approve", "--lock-timeout", "60",
                    empty.toString());
            if (last.exitCode() == 0) {
                break;
            }
        }
        if (last == null || last.exitCode() != 0) {
            problems.add("apply of the empty spec failed" + (last == null ? "" : " (" + last.exitCode() + "): "
                    + last.all()));
        }
        try {
            List<Resource> left = owned();
            if (!left.isEmpty()) {
                problems.add("left after the empty apply, deleted by hand: " + left.stream()
                        .map(r -> r.address().toString()).toList());
                deleteByHand(left);
            }
            LabLock.breakLock(client, lab).ifPresent(h -> problems.add("the lab lock was still held by " + h));
        } catch (RuntimeException e) {
            problems.add("final sweep: " + e.getMessage());
        } finally {
            client.close();
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("cleanup of lab " + lab + ": " + String.join("; ", problems));
        }
    }

    /** Removes {@code security.protection.delete} from every instance of this lab, so the cleanup may delete it. */
    private void unprotect() {
        for (Resource r : owned()) {
            if (r.address().kind() == Kind.INSTANCE && "true".equals(r.field("config.security.protection.delete"))) {
                ApiPath path = ApiPath.of("/1.0/instances", r.address().name()).project(r.address().scope());
                var current = client.getTagged(path, new TypeReference<JsonNode>() { });
                ObjectNode body = ((ObjectNode) current.value()).deepCopy();
                ((ObjectNode) body.with("config")).remove("security.protection.delete");
                client.call("PUT", path, body, current.etag(), WAIT);
            }
        }
    }

    /** Deletes owned objects in an order the daemon accepts: instances, profiles, projects, then the rest. */
    private void deleteByHand(List<Resource> left) {
        for (Kind kind : List.of(Kind.INSTANCE, Kind.VOLUME, Kind.PROFILE, Kind.PROJECT, Kind.NETWORK,
                Kind.ZONE_RECORD, Kind.ZONE, Kind.ACL, Kind.POOL)) {
            for (Resource r : left) {
                if (r.address().kind() != kind) {
                    continue;
                }
                try {
                    if (kind == Kind.INSTANCE) {
                        forceDelete(client, r.address().scope(), r.address().name());
                    } else {
                        IncusObjects.located(client, r.address(), r).delete(WAIT);
                    }
                } catch (IncusException e) {
                    if (e.kind() != IncusException.Kind.NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Stops (forcibly) and deletes an instance; nothing when it is gone already. */
    static void forceDelete(IncusClient client, String project, String name) {
        ApiPath path = ApiPath.of("/1.0/instances", name).project(project);
        try {
            try {
                client.call("PUT", ApiPath.of("/1.0/instances", name, "state").project(project),
                        Map.of("action", "stop", "force", true, "timeout", 30), null, WAIT);
            } catch (IncusException e) {
                if (e.kind() == IncusException.Kind.NOT_FOUND) {
                    return;
                }
                // already stopped: the daemon says so; delete anyway
            }
            client.call("DELETE", path, null, null, WAIT);
        } catch (IncusException e) {
            if (e.kind() != IncusException.Kind.NOT_FOUND) {
                throw e;
            }
        }
    }

    /** Whether a JSON instance carries this lab's ownership mark in config and description. */
    boolean isMarked(JsonNode instance) {
        return lab.equals(instance.path("config").path(Ownership.KEY).asText())
                && instance.path("description").asText().endsWith(Ownership.MARK);
    }

    /** The spec of a test lab as YAML text, built up piece by piece. */
    static final class SpecText {

        private final String lab;
        private final StringBuilder storage = new StringBuilder();
        private final StringBuilder networks = new StringBuilder();
        private final StringBuilder zones = new StringBuilder();
        private final StringBuilder projects = new StringBuilder();
        private final StringBuilder instances = new StringBuilder();
        private String projectHead = "";

        SpecText(String lab) {
            this.lab = lab;
        }

        SpecText pool(String name) {
            storage.append("""
                      - name: %s
                        description: Directory pool of test lab %s
                        purpose: fast
                        driver: dir
                    """.formatted(name, lab));
            return this;
        }

        /** A bridge with no VLAN interface (each member has its own), NAT off, in the lab's address range. */
        SpecText network(String name, String cidr, String zone) {
            networks.append("""
                      - name: %s
                        description: Test bridge of %s
                        purpose: user
                        ipv4: %s
                        nat: false
                    """.formatted(name, lab, cidr));
            if (zone != null) {
                networks.append("    zone: ").append(zone).append('\n');
            }
            return this;
        }

        /** Extra config of the network added last (call right after {@link #network}). */
        SpecText networkConfig(String key, String value) {
            networks.append("    config:\n      ").append(key).append(": \"").append(value).append("\"\n");
            return this;
        }

        SpecText zone(String name, String recordName, String recordAddress) {
            zones.append("""
                      - name: %s
                        description: Test zone of %s
                        records:
                          - name: %s
                            type: A
                            value: %s
                    """.formatted(name, lab, recordName, recordAddress));
            return this;
        }

        SpecText project(String name, String pool) {
            return project(name, pool, null);
        }

        /** The project, its default profile (root disk on {@code pool}, a NIC on {@code network} when given). */
        SpecText project(String name, String pool, String network) {
            StringBuilder p = new StringBuilder("""
                      - name: %s
                        description: Project of test lab %s
                        features:
                          images: false
                          profiles: true
                          storage.volumes: true
                          networks: false
                        limits:
                          cpu: 16
                          instances: 8
                          containers: 8
                          virtual-machines: 0
                        default-profile:
                          cpu: 1
                          root:
                            pool: %s
                            size: 1GiB
                    """.formatted(name, lab, pool));
            if (network != null) {
                p.append("""
                              nics:
                                - name: eth0
                                  network: %s
                        """.formatted(network));
            }
            projectHead = p.toString();
            return this;
        }

        /** A busybox container on {@code target}. */
        SpecText instance(String name, String target) {
            return instance(name, target, "");
        }

        /** A busybox container on {@code target}, with extra YAML lines (indented by the caller to 8 spaces). */
        SpecText instance(String name, String target, String extra) {
            instances.append("""
                          - name: %s
                            description: Container %s of %s
                            image: busybox
                            target: %s
                    """.formatted(name, name, lab, target)).append(extra);
            return this;
        }

        String yaml() {
            StringBuilder y = new StringBuilder("""
                    version: 1
                    lab: %s
                    description: A lab made by a lab test (removed when the test ends)
                    hosts:
                      - name: %4$s
                        description: First member
                        address: %s
                      - name: %5$s
                        description: Second member
                        address: %s
                    """.formatted(lab, Lab.url(Lab.first()), Lab.url(Lab.second()), Lab.first(), Lab.second()));
            section(y, "networks", networks);
            section(y, "storage", storage);
            section(y, "zones", zones);
            if (!projectHead.isEmpty()) {
                y.append("projects:\n").append(projectHead);
                if (!instances.isEmpty()) {
                    y.append("    instances:\n").append(instances);
                }
            }
            return y.toString();
        }

        private static void section(StringBuilder y, String key, StringBuilder body) {
            if (!body.isEmpty()) {
                y.append(key).append(":\n").append(body);
            }
        }
    }
}
