package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.NetworkState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Containers on each member, placed explicitly (so one create is always cross-member), through their whole life:
 * create+start (gated on {@code instance_create_start}), the one-call listing with state and addresses, exec with
 * recorded output, update guarded by the ETag, stop/start, backups exported to a file, delete — and operations that
 * fail with the daemon's own message. Everything lives in a project and on a bridge of this class.
 */
@Tag("lab")
class InstancesLabTest {

    private static final String TOKEN = "itin" + Lab.token();
    private static final String PROJECT = TOKEN;
    private static final String BRIDGE = TOKEN;
    private static final String BACKUP = "before upgrade";
    /** A /24 of 198.18.0.0/15 (benchmarking space) picked at random, so parallel runs do not share a subnet. */
    private static final String SUBNET = "198.18." + ThreadLocalRandom.current().nextInt(256) + ".";

    @BeforeAll
    static void projectWithABridgedProfile() {
        Lab.awaitHealthy();
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            for (String m : Lab.members()) {
                client.networks().createOnMember(null, BRIDGE, "bridge", m, Map.of());
            }
            client.networks().create(null, BRIDGE, "bridge", "InstancesLabTest", Map.of("ipv4.address",
                    SUBNET + "1/24", "ipv4.nat", "false", "ipv6.address", "none"));
            client.projects().create(PROJECT, "InstancesLabTest", Map.of("features.images", "false",
                    "features.profiles", "true", "features.storage.volumes", "true"));
            var profile = client.projects().profile(PROJECT, "default");
            client.projects().updateProfile(PROJECT, "default", "root on default, eth0 on " + BRIDGE, Map.of(),
                    Map.of("root", Map.of("type", "disk", "path", "/", "pool", "default"),
                            "eth0", Map.of("type", "nic", "network", BRIDGE, "name", "eth0")), profile.etag());
        }
    }

    @AfterAll
    static void nothingLeftBehind() {
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()));
             LabCleanup cleanup = new LabCleanup()) {
            cleanup.add(() -> assertThat(LabLeftovers.find(client, TOKEN)).isEmpty());
            cleanup.add(() -> client.networks().delete(null, BRIDGE));
            cleanup.add(() -> client.projects().delete(PROJECT));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void containerOnEachMemberThroughItsLife(String transport, Endpoint endpoint, @TempDir Path tmp)
            throws IOException {
        List<String> members = Lab.members();
        Map<String, String> names = new LinkedHashMap<>();
        members.forEach(m -> names.put(m, TOKEN + "-" + transport + "-" + m));
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            names.values().forEach(n -> cleanup.add(() -> LabCleanup.deleteInstance(client, PROJECT, n)));
            inParallel(members, m -> client.instances().create(PROJECT, InstanceCreate.container(names.get(m),
                    Lab.imageAlias()), m, true));

            List<Instance> listed = Poll.until("an IPv4 address on eth0 of " + names.values(),
                    Duration.ofSeconds(20), () -> mine(client.instances().list(PROJECT), transport),
                    l -> l.size() == members.size() && l.stream().allMatch(i -> !eth0v4(i).isEmpty()));
            for (Instance i : listed) {
                assertThat(i.isRunning()).as("%s", i.name()).isTrue();
                assertThat(i.project()).isEqualTo(PROJECT);
                assertThat(names.get(i.location())).as("%s placed on %s", i.name(), i.location())
                        .isEqualTo(i.name());
                assertThat(i.state()).isNotNull();
                assertThat(i.state().status()).isEqualTo("Running");
                assertThat(i.state().pid()).isPositive();
                assertThat(eth0v4(i)).allMatch(a -> a.startsWith(SUBNET));
                assertThat(i.expandedDevices()).containsKey("eth0");
            }
            assertThat(client.instances().listAllProjects(client.projects())).filteredOn(i ->
                    names.containsValue(i.name())).extracting(Instance::project).containsOnly(PROJECT)
                    .hasSize(members.size());

            for (String name : names.values()) {
                Instances.ExecResult r = client.instances().exec(PROJECT, name, List.of("sh", "-c",
                        "echo out; echo err >&2; exit 3"), Duration.ofSeconds(30));
                assertThat(r).as("exec in %s", name).isEqualTo(new Instances.ExecResult(3, "out\n", "err\n"));
                assertThat(client.get(ApiPath.of("/1.0/instances", name, "logs").project(PROJECT),
                        new TypeReference<List<String>>() { })).as("recorded output is deleted once read")
                        .noneMatch(f -> f.contains("/exec_"));
            }
            String remote = names.get(members.getLast());
            assertThatThrownBy(() -> client.instances().exec(PROJECT, remote, List.of("sleep", "3"),
                    Duration.ofSeconds(1))).isInstanceOfSatisfying(IncusException.class,
                    e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.TIMEOUT));

            Tagged<Instance> read = client.instances().get(PROJECT, remote);
            client.instances().update(PROJECT, remote, writable(read.value(), "user.note", "updated"), read.etag());
            assertThat(client.instances().get(PROJECT, remote).value().config()).containsEntry("user.note",
                    "updated");
            assertThatThrownBy(() -> client.instances().update(PROJECT, remote, writable(read.value(), "user.note",
                    "stale"), read.etag())).isInstanceOfSatisfying(IncusException.class,
                    e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.CHANGED));

            client.instances().setState(PROJECT, remote, "stop", true);
            assertThat(client.instances().get(PROJECT, remote).value().status()).isEqualTo("Stopped");
            client.instances().setState(PROJECT, remote, "start", false);
            assertThat(client.instances().get(PROJECT, remote).value().isRunning()).isTrue();

            // a name with a space: LXD lists backup names unescaped
            client.instances().createBackup(PROJECT, remote, BACKUP, true);
            cleanup.add(() -> client.instances().deleteBackup(PROJECT, remote, BACKUP));
            assertThat(client.instances().backups(PROJECT, remote)).containsExactly(BACKUP);
            Path tarball = tmp.resolve("backup.tar.gz");
            AtomicLong progressCalls = new AtomicLong();
            AtomicLong lastProgress = new AtomicLong();
            long size;
            try (OutputStream out = Files.newOutputStream(tarball)) {
                size = client.instances().exportBackup(PROJECT, remote, BACKUP, out, n -> {
                    progressCalls.incrementAndGet();
                    lastProgress.set(n);
                });
            }
            assertThat(size).isPositive().isEqualTo(Files.size(tarball)).isEqualTo(lastProgress.get());
            assertThat(progressCalls.get()).isPositive();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(tarball))) {
                byte[] header = in.readNBytes(512);
                assertThat(header).hasSize(512);
                assertThat(new String(header, 257, 5, StandardCharsets.US_ASCII))
                        .as("tar magic").isEqualTo("ustar");
            }
            client.instances().deleteBackup(PROJECT, remote, BACKUP);
            assertThat(client.instances().backups(PROJECT, remote)).isEmpty();

            for (String name : names.values()) {
                LabCleanup.deleteInstance(client, PROJECT, name);
                assertThatThrownBy(() -> client.instances().get(PROJECT, name))
                        .isInstanceOfSatisfying(IncusException.class,
                                e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void failedOperationsCarryTheDaemonsMessage(String transport, Endpoint endpoint) {
        String noImage = TOKEN + "-" + transport + "-noimage";
        String badDisk = TOKEN + "-" + transport + "-baddisk";
        String badNic = TOKEN + "-" + transport + "-badnic";
        String alias = "no-such-image-" + TOKEN;
        String missingPath = "/nonexistent-" + TOKEN;
        String missingParent = "nosuch" + TOKEN.substring(4);
        String member = Lab.members().getLast();
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            // refused before any operation starts: the daemon answers 404 for the alias
            cleanup.add(() -> LabCleanup.deleteInstance(client, PROJECT, noImage));
            assertThatThrownBy(() -> client.instances().create(PROJECT, InstanceCreate.container(noImage, alias),
                    null, true)).isInstanceOfSatisfying(IncusException.class, e -> {
                        assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND);
                        assertThat(e.getMessage()).contains(noImage, alias, "Image alias not found");
                    });

            // the create operation itself fails: the disk's source is checked while adding the device
            cleanup.add(() -> LabCleanup.deleteInstance(client, PROJECT, badDisk));
            assertThatThrownBy(() -> client.instances().create(PROJECT, InstanceCreate.container(badDisk,
                    Lab.imageAlias()).withDevices(Map.of("data", Map.of("type", "disk", "source", missingPath,
                    "path", "/mnt"))), member, true)).isInstanceOfSatisfying(IncusException.class, e -> {
                        assertThat(e.kind()).isEqualTo(IncusException.Kind.OPERATION_FAILED);
                        assertThat(e.getMessage()).contains("create container " + badDisk,
                                "Missing source path \"" + missingPath + "\"");
                    });
            assertThatThrownBy(() -> client.instances().get(PROJECT, badDisk))
                    .isInstanceOfSatisfying(IncusException.class,
                            e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND));

            // created, then the start operation fails on the member: the NIC's parent does not exist there
            cleanup.add(() -> LabCleanup.deleteInstance(client, PROJECT, badNic));
            assertThatThrownBy(() -> client.instances().create(PROJECT, InstanceCreate.container(badNic,
                    Lab.imageAlias()).withDevices(Map.of("eth1", Map.of("type", "nic", "nictype", "macvlan",
                    "parent", missingParent))), member, true)).isInstanceOfSatisfying(IncusException.class, e -> {
                        assertThat(e.kind()).isEqualTo(IncusException.Kind.OPERATION_FAILED);
                        assertThat(e.getMessage()).contains("start container " + badNic,
                                "Parent device '" + missingParent + "' doesn't exist");
                    });
            Instance stopped = client.instances().get(PROJECT, badNic).value();
            assertThat(stopped.status()).isEqualTo("Stopped");
            assertThat(stopped.location()).isEqualTo(member);
        }
    }

    /**
     * The daemon names an operation of a project {@code /1.0/operations/ID?project=P}. Waiting on it must be one
     * long poll on {@code …/ID/wait?project=P}; a {@code /wait} pasted after the query is no wait at all, and the
     * client would ask as fast as the daemon answers for as long as the create runs.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void waitingOnAProjectOperationIsOneLongPoll(String transport, Endpoint endpoint) {
        String name = TOKEN + "-" + transport + "-wait";
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            cleanup.add(() -> LabCleanup.deleteInstance(client, PROJECT, name));
            Response started = client.send("POST", ApiPath.of("/1.0/instances").project(PROJECT),
                    Map.of("name", name, "source", Map.of("type", "image", "alias", Lab.imageAlias())), null);
            assertThat(started.operation()).hasValueSatisfying(op -> assertThat(op).contains("project=" + PROJECT));
            long before = client.requests();
            var done = client.await(started, Duration.ofMinutes(2));
            assertThat(done.status()).isEqualTo("Success");
            assertThat(client.requests() - before).as("requests to wait for the create").isLessThanOrEqualTo(2);
            assertThat(client.instances().get(PROJECT, name).value().status()).isEqualTo("Stopped");
        }
    }

    private static List<Instance> mine(List<Instance> all, String transport) {
        return all.stream().filter(i -> i.name().startsWith(TOKEN + "-" + transport + "-")).toList();
    }

    private static List<String> eth0v4(Instance i) {
        if (i.state() == null || !i.state().network().containsKey("eth0")) {
            return List.of();
        }
        return i.state().network().get("eth0").addresses().stream().filter(a -> "inet".equals(a.family()))
                .map(NetworkState.Address::address).toList();
    }

    /** The writable fields of {@code i} as read, with one config key changed. */
    private static Map<String, Object> writable(Instance i, String key, String value) {
        Map<String, String> config = new LinkedHashMap<>(i.config());
        config.put(key, value);
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("architecture", i.architecture());
        w.put("config", config);
        w.put("devices", i.devices());
        w.put("profiles", i.profiles());
        w.put("ephemeral", i.ephemeral());
        w.put("stateful", i.stateful());
        w.put("description", i.description());
        return w;
    }

    private static void inParallel(List<String> members, Consumer<String> action) {
        try {
            CompletableFuture.allOf(members.stream().map(m -> CompletableFuture.runAsync(() -> action.accept(m)))
                    .toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
