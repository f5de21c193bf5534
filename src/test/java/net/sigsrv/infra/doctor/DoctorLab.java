package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.Lab;

/**
 * The doctor's fixture on the real lab: a small spec of its own (two bridges over the lab's VLAN segments
 * {@code user0} and {@code incus0}, one busybox container per member on the first, none on the second so the ping
 * checks need probe containers there), applied with the CLI as a user does, the VLAN segments held for the whole
 * class (other lab tests bridge them too), and everything removed at the end. Runs {@code infra doctor} in-process
 * and {@code lab/fault} as a process.
 */
final class DoctorLab implements AutoCloseable {

    static final String SEGMENT = "user0";
    static final String PROBE_SEGMENT = "incus0";

    final String lab;
    final String bridge;
    final String probeBridge;
    final String project;
    final Path spec;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DoctorLab(Path dir) throws IOException {
        lab = "tdoc" + token();
        bridge = lab + "br0";
        probeBridge = lab + "br1";
        project = lab + "-p";
        lockChannel = FileChannel.open(Lab.stateFile(), StandardOpenOption.READ, StandardOpenOption.WRITE);
        lock = lockChannel.lock();
        spec = Files.writeString(dir.resolve("lab.yaml"), yaml(), StandardCharsets.UTF_8);
    }

    /** Applies the fixture spec once the lab is healthy. */
    static DoctorLab create(Path dir) throws IOException {
        Lab.awaitHealthy();
        DoctorLab d = new DoctorLab(dir);
        try {
            Cli.Result r = Cli.run("apply", "--remote", "lab", "--auto-approve", "--wait-ipv4=60",
                    d.spec.toString());
            assertThat(r.exitCode()).as("apply of the doctor fixture:\n%s", r.all()).isZero();
            return d;
        } catch (RuntimeException | AssertionError e) {
            d.close();
            throw e;
        }
    }

    /**
     * Waits (up to a minute) until the probe project holds no probe: the doctor asks for their stop and exits, the
     * daemon deletes them a moment later. Returns the probes still there then (none is the expected answer).
     */
    static List<String> awaitNoProbes() {
        try (net.sigsrv.infra.incus.IncusClient client = net.sigsrv.infra.incus.IncusClient.connect(
                Lab.unix(Lab.members().getFirst()))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            List<String> left = List.of();
            while (System.nanoTime() < deadline) {
                if (client.projects().list().stream().noneMatch(p -> p.name().equals(Doctor.PROBE_PROJECT))) {
                    return List.of();
                }
                left = client.instances().listWithoutState(Doctor.PROBE_PROJECT).stream()
                        .map(net.sigsrv.infra.incus.api.Instance::name).toList();
                if (left.isEmpty()) {
                    return left;
                }
                Thread.sleep(200);
            }
            return left;
        } catch (net.sigsrv.infra.incus.IncusException e) {
            return List.of("(cannot tell: " + e.getMessage() + ")"); // a member down: the caller's business
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** {@code 10.(231+N)}: the lab's own address range, from the members' addresses. */
    static String prefix() {
        String host = Lab.url(Lab.members().getFirst()).getHost();
        return host.substring(0, host.indexOf('.', host.indexOf('.') + 1));
    }

    private String yaml() {
        String p = prefix();
        return """
                version: 1
                lab: %1$s
                description: Fixture of the doctor's lab tests (removed when they end)
                hosts:
                  - name: %10$s
                    description: First member
                    address: %2$s
                  - name: %11$s
                    description: Second member
                    address: %3$s
                networks:
                  - name: %4$s
                    description: Doctor test bridge with instances
                    purpose: user
                    vlan: 24
                    interface: %6$s
                    ipv4: %7$s.40.0/24
                    nat: false
                  - name: %5$s
                    description: Doctor test bridge without instances (probes)
                    purpose: user
                    vlan: 16
                    interface: %8$s
                    ipv4: %7$s.41.0/24
                    nat: false
                storage:
                  - name: default
                    description: Directory pool made by lab/up
                    purpose: fast
                    driver: dir
                projects:
                  - name: %9$s
                    description: Doctor test project
                    features:
                      images: false
                      profiles: true
                      storage.volumes: true
                      networks: false
                    limits:
                      cpu: 4
                      instances: 4
                      containers: 4
                      virtual-machines: 0
                    default-profile:
                      cpu: 1
                      root:
                        pool: default
                        size: 1GiB
                      nics:
                        - name: eth0
                          network: %4$s
                    instances:
                      - name: c1
                        description: Doctor test container on %10$s
                        image: busybox
                        target: %10$s
                      - name: c2
                        description: Doctor test container on %11$s
                        image: busybox
                        target: %11$s
                """.formatted(lab, Lab.url(Lab.first()), Lab.url(Lab.second()), bridge, probeBridge, SEGMENT, p,
                PROBE_SEGMENT, project, Lab.first(), Lab.second());
    }

    /** {@code infra doctor ARGS… --remote lab -o json SPEC}: the exit code and the parsed report. */
    Doctored doctor(String... args) {
        List<String> all = new ArrayList<>(List.of("doctor", "--remote", "lab", "-o", "json"));
        all.addAll(List.of(args));
        all.add(spec.toString());
        Cli.Result r = Cli.run(all.toArray(String[]::new));
        try {
            return new Doctored(r, new ObjectMapper().readTree(r.out()));
        } catch (IOException e) {
            throw new AssertionError("doctor printed no JSON (exit " + r.exitCode() + "):\n" + r.all(), e);
        }
    }

    /** {@code infra doctor --fix --yes} with the lab's SSH config; returns what it printed. */
    Cli.Result fix() {
        return Cli.run("doctor", "--remote", "lab", "--audit-log", audit.toString(), "--fix", "--yes",
                "--ssh-config", Lab.json().at("/ssh/config").asText(), spec.toString());
    }

    /**
     * {@code infra doctor --fix --yes} without the spec: the interfaces are the ones the daemon names in each
     * member's {@code bridge.external_interfaces}. Returns what it printed.
     */
    Cli.Result fixAsTheDaemonSaysItIs() {
        return Cli.run("doctor", "--remote", "lab", "--audit-log", audit.toString(), "--fix", "--yes",
                "--ssh-config", Lab.json().at("/ssh/config").asText());
    }

    /** {@code infra doctor --remote lab -o json} without the spec. */
    Doctored doctorAsTheDaemonSaysItIs() {
        Cli.Result r = Cli.run("doctor", "--remote", "lab", "-o", "json");
        try {
            return new Doctored(r, new ObjectMapper().readTree(r.out()));
        } catch (IOException e) {
            throw new AssertionError("doctor printed no JSON (exit " + r.exitCode() + "):\n" + r.all(), e);
        }
    }

    /** Where {@link #fix} records what it ran. */
    final java.nio.file.Path audit = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"),
            "doctor-fix-audit-" + Lab.token() + ".jsonl");

    /** The audit lines {@link #fix} wrote so far (none before the first fix). */
    java.util.List<String> auditLines() throws java.io.IOException {
        return java.nio.file.Files.exists(audit) ? java.nio.file.Files.readAllLines(audit) : java.util.List.of();
    }

    /** A doctor run: exit code, what it printed, the JSON report. */
    record Doctored(Cli.Result run, JsonNode json) {

        int exitCode() {
            return run.exitCode();
        }

        List<JsonNode> checks() {
            List<JsonNode> out = new ArrayList<>();
            json.get("checks").forEach(out::add);
            return out;
        }

        List<JsonNode> roots() {
            return checks().stream().filter(c -> c.get("root").asBoolean()).toList();
        }

        JsonNode finding(String id, String host, String subject) {
            return checks().stream().filter(c -> c.get("id").asText().equals(id) && c.get("host").asText()
                    .equals(host) && c.get("subject").asText().equals(subject)).findFirst()
                    .orElseThrow(() -> new AssertionError("no finding " + id + " on " + host + " about " + subject
                            + " in:\n" + run.out()));
        }

        List<JsonNode> findings(String id) {
            return checks().stream().filter(c -> c.get("id").asText().equals(id)).toList();
        }

        String status() {
            return json.at("/summary/status").asText();
        }

        /** What the report says, for assertion messages. */
        String describe() {
            return "exit " + run.exitCode() + ", summary " + json.at("/summary/line").asText() + "; problems: "
                    + checks().stream().filter(c -> !c.get("status").asText().equals("ok"))
                    .map(c -> c.get("key").asText() + " [" + c.get("status").asText() + "] " + c.get("summary")
                            .asText() + " caused_by=" + c.get("caused_by") + " evidence=" + c.get("evidence"))
                    .toList() + "\nstderr:\n" + run.err();
        }
    }

    /** Runs {@code lab/fault ARGS} and asserts it succeeded. */
    static String fault(String... args) {
        // a fault that kills a member would kill the stop of a probe the last doctor asked for (the daemon restores
        // the probe running when it comes back): let the stops finish first
        awaitNoProbes();
        List<String> command = new ArrayList<>();
        command.add(Golden.repo().resolve("lab/fault").toString());
        command.addAll(List.of(args));
        Path log = null;
        try {
            log = Files.createTempFile("doctor-fault-", ".out");
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("lab/fault " + String.join(" ", args) + " did not end in 180 s");
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("lab/fault %s\n%s", String.join(" ", args), out).isZero();
            return out;
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

    /** Undoes every recorded fault and waits until the lab is healthy again. */
    static void heal() {
        fault("heal");
        Lab.awaitHealthy();
    }

    @Override
    public void close() {
        try {
            Lab.awaitHealthy();
            // the doctor does not wait for its probes' removal: a probe still going away holds its bridge
            awaitNoProbes();  // and if one stays, destroy says so
            Cli.Result r = Cli.run("destroy", "--remote", "lab", "--auto-approve", "--lock-timeout", "60",
                    spec.toString());
            assertThat(r.exitCode()).as("destroy of the doctor fixture:\n%s", r.all()).isZero();
            // destroy keeps the built-in default pool with this lab's mark on it: the next fixture (another lab
            // name) would find it owned by another lab, and its apply BLOCKED
            Cli.Result f = Cli.run("forget", "--remote", "lab", spec.toString(), "pool.default");
            assertThat(f.exitCode()).as("forget pool.default of the doctor fixture:\n%s", f.all()).isZero();
        } finally {
            try {
                lock.release();
                lockChannel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String token() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
