package net.sigsrv.infra.sim;

import net.sigsrv.infra.incus.Poll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.Response;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkLease;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.incus.api.Operation;
import net.sigsrv.infra.incus.api.PoolResources;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One suite of API behaviour, run against the simulator ({@link ConformanceSimTest}) and the real LXD lab
 * ({@link ConformanceLabTest}): the simulator may claim only what passes on both. Each case makes its own objects
 * with a random token in their names and removes them, also when it fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Conformance {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private final Deque<Runnable> cleanup = new ArrayDeque<>();
    Target target;
    IncusClient c;
    String token;

    abstract Target target();

    @BeforeAll
    void connect() {
        target = target();
        c = target.client();
        token = "cf" + Lab.token();
    }

    @AfterAll
    void disconnect() {
        if (target != null) {
            target.close();
        }
    }

    @BeforeEach
    void ready() {
        target.ready();
    }

    @AfterEach
    void undo() {
        while (!cleanup.isEmpty()) {
            try {
                cleanup.pop().run();
            } catch (RuntimeException e) {
                System.err.println("conformance cleanup on " + target.name() + ": " + e.getMessage());
            }
        }
    }

    void later(Runnable r) {
        cleanup.push(r);
    }

    static IncusException refusal(Runnable call) {
        try {
            call.run();
        } catch (IncusException e) {
            return e;
        }
        throw new AssertionError("expected the daemon to refuse");
    }

    JsonNode get(ApiPath path) {
        return c.get(path, new TypeReference<JsonNode>() { });
    }

    void post(ApiPath path, Object body) {
        c.call("POST", path, body, null, WAIT);
    }

    /** A bridge over {@code sigsrv0} defined per member then created globally, on a fresh /24 of the lab. */
    String bridge(String suffix) {
        String net = token + suffix;
        AutoCloseable segments = target.lockSegments();
        later(() -> {
            try {
                segments.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        for (String m : target.members()) {
            String holder = target instanceof LabTarget ? LabTarget.master(m, "sigsrv0") : "";
            if (!holder.isEmpty()) {
                later(() -> target.attachVlan(m, "sigsrv0", holder));
            }
        }
        for (String m : target.members()) {
            c.networks().createOnMember(null, net, "bridge", m, Map.of("bridge.external_interfaces", "sigsrv0"));
        }
        later(() -> c.networks().delete(null, net));
        for (int attempt = 1; ; attempt++) {
            try {
                c.networks().create(null, net, "bridge", "conformance", Map.of("ipv4.address", "10.231."
                        + target.subnet() + ".1/24", "ipv4.nat", "false", "ipv6.address", "none"));
                return net;
            } catch (IncusException e) {
                // the lab is shared: another checkout's bridge (or a dnsmasq left by a killed member) may hold
                // the /24 picked at random; pick another
                if (attempt == 3 || !e.getMessage().contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    /** A container on {@code member} with eth0 on {@code net} (reserved address when given), stopped. */
    String container(String name, String member, String net, String reserved) {
        InstanceCreate spec = InstanceCreate.container(token + name, target.image());
        if (net != null) {
            spec = spec.withDevices(Map.of("eth0", reserved == null ? Map.of("type", "nic", "network", net)
                    : Map.of("type", "nic", "network", net, "ipv4.address", reserved)));
        }
        c.instances().create("default", spec, member, false);
        later(() -> {
            try {
                c.instances().setState("default", token + name, "stop", true);
            } catch (IncusException e) {
                // already stopped
            }
            c.instances().delete("default", token + name);
        });
        return token + name;
    }

    static <T> T poll(String what, Supplier<T> read, java.util.function.Predicate<T> done) {
        return Poll.until(what, Duration.ofSeconds(60), Duration.ofMillis(250), read, done);
    }

    // --- server and cluster ---

    @Test
    void serverIsLxd502WithoutIncusOnlyExtensions() {
        var server = c.server();
        assertThat(server.flavour()).isEqualTo("lxd");
        assertThat(server.environment().serverClustered()).isTrue();
        assertThat(server.apiExtensions()).contains("clustering", "network_state", "projects_limits",
                "instance_all_projects").doesNotContain("instance_create_start", "network_bridge_external_create",
                "projects_networks_zones");
    }

    @Test
    void membersAreOnlineWithRoles() {
        var members = c.cluster().members();
        assertThat(members).extracting(m -> m.serverName()).containsExactlyInAnyOrderElementsOf(target.members());
        assertThat(members).allSatisfy(m -> {
            assertThat(m.status()).isEqualTo("Online");
            assertThat(m.message()).isEqualTo("Fully operational");
            assertThat(m.roles()).isNotEmpty();
        });
    }

    @Test
    void unknownObjectsAre404WithTheDaemonsWords() {
        Map<String, String> expected = Map.of(
                "/1.0/networks/" + token, "Network not found",
                "/1.0/instances/" + token, "Instance not found",
                "/1.0/projects/" + token, "Project not found",
                "/1.0/storage-pools/" + token, "Storage pool not found",
                "/1.0/network-zones/" + token, "Network zone not found",
                "/1.0/network-acls/" + token, "Network ACL not found",
                "/1.0/profiles/" + token, "Fetch profile: Profile not found",
                "/1.0/operations/00000000-0000-0000-0000-000000000000", "Operation not found");
        expected.forEach((path, message) -> {
            IncusException e = refusal(() -> get(new ApiPath(path, Map.of())));
            assertThat(e.status()).as(path).isEqualTo(404);
            assertThat(e.getMessage()).as(path).endsWith(": " + message);
        });
        IncusException member = refusal(() -> c.networks().state("sigsrv0", token));
        assertThat(member.status()).isEqualTo(404);
        assertThat(member.getMessage()).endsWith("Cluster member not found");
    }

    // --- projects ---

    @Test
    void newProjectGetsFeatureDefaultsAndItsOwnDefaultProfile() {
        String p = token + "p";
        c.projects().create(p, "", Map.of("features.images", "false"));
        later(() -> c.projects().delete(p));
        var config = c.projects().get(p).value().config();
        assertThat(config).containsEntry("features.images", "false").containsEntry("features.profiles", "true")
                .containsEntry("features.storage.volumes", "true");
        assertThat(c.projects().profiles(p)).extracting(pr -> pr.name()).containsExactly("default");
    }

    @Test
    void instanceCountLimitsRefuseTheCreate() {
        String p = token + "l";
        c.projects().create(p, "", Map.of("limits.instances", "0", "features.images", "false",
                "features.profiles", "false"));
        later(() -> c.projects().delete(p));
        IncusException e = refusal(() -> c.instances().create(p, InstanceCreate.container("c1", target.image()),
                target.members().getFirst(), false));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.getMessage()).endsWith("Reached maximum number of instances in project \"" + p + "\"");

        var project = c.projects().get(p);
        c.projects().update(p, "", Map.of("limits.containers", "0", "features.images", "false",
                "features.profiles", "false"), project.etag());
        IncusException typed = refusal(() -> c.instances().create(p, InstanceCreate.container("c1",
                target.image()), target.members().getFirst(), false));
        assertThat(typed.getMessage()).endsWith("Reached maximum number of instances of type \"container\" in"
                + " project \"" + p + "\"");
    }

    @Test
    void aggregateMemoryLimitNeedsTheKeyAndRefusesTooMuch() {
        String p = token + "m";
        c.projects().create(p, "", Map.of("limits.memory", "1GiB", "features.images", "false",
                "features.profiles", "false"));
        later(() -> c.projects().delete(p));
        IncusException missing = refusal(() -> c.instances().create(p, InstanceCreate.container("c1",
                target.image()), target.members().getFirst(), false));
        assertThat(missing.getMessage()).endsWith("Failed checking if instance creation allowed: Failed getting"
                + " usage of project entities: Instance \"c1\" in project \"" + p + "\" has no \"limits.memory\""
                + " config, either directly or via a profile");
        IncusException tooMuch = refusal(() -> c.instances().create(p, InstanceCreate.container("c1",
                target.image()).withConfig(Map.of("limits.memory", "2GiB")), target.members().getFirst(), false));
        assertThat(tooMuch.getMessage()).endsWith("Reached maximum aggregate value \"1GiB\" for \"limits.memory\""
                + " in project \"" + p + "\"");
    }

    @Test
    void staleEtagIsRefusedWith412() {
        String p = token + "e";
        c.projects().create(p, "first", Map.of());
        later(() -> c.projects().delete(p));
        var read = c.projects().get(p);
        assertThat(read.etag()).isNotEmpty();
        c.projects().update(p, "second", read.value().config(), read.etag());
        IncusException e = refusal(() -> c.projects().update(p, "third", read.value().config(), read.etag()));
        assertThat(e.status()).isEqualTo(412);
        assertThat(e.kind()).isEqualTo(IncusException.Kind.CHANGED);
        assertThat(e.getMessage()).contains("ETag doesn't match: ");
        assertThat(c.projects().get(p).value().description()).isEqualTo("second");
    }

    @Test
    void etagIsStableWhileNothingChanges() {
        assertThat(c.projects().get("default").etag()).isEqualTo(c.projects().get("default").etag());
        String first = c.projects().profile("default", "default").etag();
        assertThat(first).matches("[0-9a-f]{64}");
    }

    // --- networks ---

    @Test
    void networkIsPendingUntilEveryMemberHasItThenCreated() {
        String net = token + "n";
        List<String> members = target.members();
        c.networks().createOnMember(null, net, "bridge", members.getFirst(), Map.of());
        later(() -> c.networks().delete(null, net));
        Network pending = c.networks().get(null, net, members.getFirst()).value();
        assertThat(pending.status()).isEqualTo("Pending");
        assertThat(pending.locations()).containsExactly(members.getFirst());
        IncusException missing = refusal(() -> c.networks().create(null, net, "bridge", "", Map.of(
                "ipv4.address", "10.231." + target.subnet() + ".1/24", "ipv6.address", "none")));
        assertThat(missing.getMessage()).endsWith("Network not defined on nodes: " + members.get(1));
        IncusException twice = refusal(() -> c.networks().createOnMember(null, net, "bridge", members.getFirst(),
                Map.of()));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.getMessage()).endsWith("The network is already defined on member \"" + members.getFirst()
                + "\"");
        c.networks().createOnMember(null, net, "bridge", members.get(1), Map.of());
        c.networks().create(null, net, "bridge", "", Map.of("ipv4.address", "10.231." + target.subnet() + ".1/24",
                "ipv4.nat", "false", "ipv6.address", "none"));
        Network created = c.networks().get(null, net, null).value();
        assertThat(created.status()).isEqualTo("Created");
        assertThat(created.locations()).containsExactlyInAnyOrderElementsOf(members);
    }

    @Test
    void memberKeysAreRefusedInTheWrongStep() {
        String net = token + "k";
        IncusException global = refusal(() -> c.networks().create(null, net, "bridge", "", Map.of(
                "bridge.external_interfaces", "sigsrv0")));
        assertThat(global.getMessage()).endsWith("Config key \"bridge.external_interfaces\" is cluster member"
                + " specific");
        IncusException member = refusal(() -> c.networks().createOnMember(null, net, "bridge",
                target.members().getFirst(), Map.of("ipv4.address", "10.231.9.1/24")));
        assertThat(member.status()).isEqualTo(400);
        assertThat(member.getMessage()).endsWith("Config key \"ipv4.address\" may not be used as member-specific"
                + " key");
    }

    /** A member's external interfaces must be plain interface names: shell syntax is refused by the API. */
    @Test
    void hostileExternalInterfaceNamesAreRefused() {
        String net = bridge("x");
        String member = target.members().getFirst();
        for (String bad : List.of("$(id)", "a;id", "x=passwd=1", "a", "1234567890123456")) {
            IncusException e = refusal(() -> c.networks().patch(null, net, member, Map.of(
                    "bridge.external_interfaces", bad), null));
            assertThat(e.status()).as(bad).isEqualTo(400);
            assertThat(e.getMessage()).as(bad).contains("Invalid value for network \"" + net + "\" option"
                    + " \"bridge.external_interfaces\": Invalid interface name \"" + bad + "\": Network interface");
        }
        assertThat(c.networks().get(null, net, member).value().config())
                .containsEntry("bridge.external_interfaces", "sigsrv0");
    }

    @Test
    void memberKeysShowOnlyWithTarget() {
        String net = bridge("t");
        assertThat(c.networks().get(null, net, null).value().config()).doesNotContainKey(
                "bridge.external_interfaces").containsEntry("ipv4.nat", "false");
        for (String m : target.members()) {
            assertThat(c.networks().get(null, net, m).value().config())
                    .containsEntry("bridge.external_interfaces", "sigsrv0").containsEntry("ipv4.nat", "false");
        }
        assertThat(c.networks().list("default")).filteredOn(n -> n.name().equals(net)).singleElement()
                .satisfies(n -> assertThat(n.config()).doesNotContainKey("bridge.external_interfaces"));
    }

    @Test
    void bridgeStateShowsTheVlanInterfaceGatewayAndMtuOnEveryMember() {
        String net = bridge("s");
        String gateway = c.networks().get(null, net, null).value().config().get("ipv4.address").split("/")[0];
        for (String m : target.members()) {
            NetworkState s = c.networks().state(net, m);
            assertThat(s.bridge().upperDevices()).as(m).contains("sigsrv0");
            assertThat(s.addresses()).as(m).anySatisfy(a -> {
                assertThat(a.address()).isEqualTo(gateway);
                assertThat(a.netmask()).isEqualTo("24");
                assertThat(a.scope()).isEqualTo("global");
            });
            assertThat(s.mtu()).isEqualTo(1500);
            assertThat(s.state()).isEqualTo("up");
        }
    }

    @Test
    void hostInterfaceStateHasNoBridgeAndNoAddress() {
        for (String m : target.members()) {
            NetworkState s = c.networks().state("sigsrv0", m);
            assertThat(s.bridge()).isNull();
            assertThat(s.globalAddresses()).isEmpty();
            assertThat(s.state()).isEqualTo("up");
        }
    }

    @Test
    void detachedVlanInterfaceLeavesUpperDevicesOnThatMemberOnly() {
        String net = bridge("d");
        String down = target.members().get(1);
        target.detachVlan(down, "sigsrv0");
        later(() -> target.attachVlan(down, "sigsrv0", net));
        assertThat(c.networks().state(net, down).bridge().upperDevices()).doesNotContain("sigsrv0");
        assertThat(c.networks().state(net, target.members().getFirst()).bridge().upperDevices())
                .contains("sigsrv0");
        assertThat(c.networks().get(null, net, down).value().config())
                .as("the config still names it: only upper_devices tells").containsEntry(
                        "bridge.external_interfaces", "sigsrv0");
    }

    @Test
    void addressOnTheVlanInterfaceShowsInItsState() {
        try (AutoCloseable ignored = target.lockSegments()) {
            String m = target.members().getFirst();
            String cidr = "10.231." + target.subnet() + ".5/24";
            target.addIp(m, "incus0", cidr);
            try {
                assertThat(c.networks().state("incus0", m).globalAddresses()).extracting(a -> a.address() + "/"
                        + a.netmask()).contains(cidr);
            } finally {
                target.removeIp(m, "incus0", cidr);
            }
            assertThat(c.networks().state("incus0", m).globalAddresses()).isEmpty();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void zonesRecordsAndAclsRoundTrip() {
        String zone = token + ".example";
        c.networks().createZone(zone, "zone", Map.of());
        later(() -> c.networks().deleteZone(zone));
        c.networks().createRecord(zone, "www", "", List.of(new net.sigsrv.infra.incus.api.ZoneRecord.Entry("A",
                "10.231.1.10", 300L)));
        later(() -> c.networks().deleteRecord(zone, "www"));
        assertThat(c.networks().records(zone)).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("www");
            assertThat(r.entries()).singleElement().satisfies(e -> assertThat(e.value()).isEqualTo("10.231.1.10"));
        });
        String acl = token + "acl";
        c.networks().createAcl("default", acl, "web", List.of(new net.sigsrv.infra.incus.api.NetworkAcl.Rule(
                "allow", "", "", "tcp", "", "80", "", "", "enabled", "")), List.of());
        later(() -> c.networks().deleteAcl("default", acl));
        var read = c.networks().acl("default", acl).value();
        assertThat(read.ingress()).singleElement().satisfies(r -> {
            assertThat(r.destinationPort()).isEqualTo("80");
            assertThat(r.source()).isEmpty();
        });
        assertThat(read.egress()).isEmpty();
    }

    // --- storage ---

    @Test
    void poolIsPendingPerMemberThenCreatedWithSourceOnlyWithTarget() {
        String pool = token + "sp";
        List<String> members = target.members();
        c.storage().createPoolOnMember(pool, "dir", members.getFirst(), Map.of());
        later(() -> c.storage().deletePool(pool));
        assertThat(c.storage().pool(pool, members.getFirst()).value().status()).isEqualTo("Pending");
        IncusException missing = refusal(() -> c.storage().createPool(pool, "dir", "", Map.of()));
        assertThat(missing.getMessage()).contains(members.get(1));
        c.storage().createPoolOnMember(pool, "dir", members.get(1), Map.of());
        c.storage().createPool(pool, "dir", "conformance", Map.of());
        StoragePool global = c.storage().pool(pool, null).value();
        assertThat(global.status()).isEqualTo("Created");
        assertThat(global.config()).doesNotContainKey("source");
        assertThat(c.storage().pool(pool, members.getFirst()).value().config()).containsKey("source");
    }

    @Test
    void poolResourcesReportSpacePerMember() {
        for (String m : target.members()) {
            PoolResources r = c.storage().resources("default", m);
            assertThat(r.space().total()).as(m).isPositive();
            assertThat(r.space().used()).as(m).isBetween(0L, r.space().total());
        }
    }

    @Test
    void customVolumeLivesOnItsTargetMember() {
        String member = target.members().get(1);
        String vol = token + "v";
        c.storage().createVolume("default", "default", vol, "filesystem", member, Map.of());
        later(() -> c.storage().deleteVolume("default", "default", vol, member));
        List<StorageVolume> listed = c.storage().volumes("default", "default");
        assertThat(listed).filteredOn(v -> v.name().equals(vol)).singleElement()
                .satisfies(v -> {
                    assertThat(v.location()).isEqualTo(member);
                    assertThat(v.type()).isEqualTo("custom");
                    assertThat(v.contentType()).isEqualTo("filesystem");
                });
        IncusException dup = refusal(() -> c.storage().createVolume("default", "default", vol, "filesystem", member,
                Map.of()));
        assertThat(dup.status()).isIn(409, 400, 500);
    }

    @Test
    void aMountedVolumeCannotBeDeletedUntilItsInstanceLetsGo() {
        // found by VolumeReplaceLabTest: the simulator refused it in other words than the daemon
        String member = target.members().getFirst();
        String vol = token + "m";
        c.storage().createVolume("default", "default", vol, "filesystem", member, Map.of());
        later(() -> c.storage().deleteVolume("default", "default", vol, member));
        String name = token + "mi";
        c.instances().create("default", InstanceCreate.container(name, target.image()).withDevices(Map.of("data",
                Map.of("type", "disk", "pool", "default", "source", vol, "path", "/srv/data"))), member, false);
        later(() -> c.instances().delete("default", name));
        assertThat(get(ApiPath.of("/1.0/storage-pools", "default", "volumes", "custom", vol).target(member))
                .path("used_by").toString()).contains("/1.0/instances/" + name);

        IncusException inUse = refusal(() -> c.storage().deleteVolume("default", "default", vol, member));
        assertThat(inUse.status()).isEqualTo(400);
        assertThat(inUse.getMessage()).endsWith("The storage volume is still in use");

        var current = c.getTagged(ApiPath.of("/1.0/instances", name), new TypeReference<JsonNode>() { });
        com.fasterxml.jackson.databind.node.ObjectNode body = ((com.fasterxml.jackson.databind.node.ObjectNode)
                current.value()).deepCopy();
        body.withObject("devices").remove("data");
        c.call("PUT", ApiPath.of("/1.0/instances", name), body, current.etag(), WAIT);
        c.storage().deleteVolume("default", "default", vol, member);
        assertThat(c.storage().volumes("default", "default")).noneMatch(v -> v.name().equals(vol));
    }

    // --- instances and operations ---

    @Test
    void createIsAnOperationThatWaitsToSuccess() {
        Response r = c.send("POST", ApiPath.of("/1.0/instances").target(target.members().getFirst()),
                Map.of("name", token + "op", "type", "container", "source", Map.of("type", "image", "alias",
                        target.image())), null);
        later(() -> c.instances().delete("default", token + "op"));
        assertThat(r.status()).isEqualTo(202);
        assertThat(r.operation()).hasValueSatisfying(op -> assertThat(op).startsWith("/1.0/operations/"));
        Operation done = c.await(r, WAIT);
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.status()).isEqualTo("Success");
        assertThat(done.resources().get("instances")).contains("/1.0/instances/" + token + "op");
    }

    @Test
    void allProjectsListShowsTheInstancesOfEveryProject() {
        // found by LabParityLabTest: plans read instances with this one call, and the LXD flavour ignored it
        String p = token + "a";
        c.projects().create(p, "", Map.of("features.images", "false", "features.profiles", "false"));
        later(() -> c.projects().delete(p));
        c.instances().create(p, InstanceCreate.container(token + "ap", target.image()), target.members().getFirst(),
                false);
        later(() -> c.instances().delete(p, token + "ap"));
        String mine = container("ad", target.members().getFirst(), null, null);
        JsonNode all = get(ApiPath.of("/1.0/instances").recursion(1).with("all-projects", "true"));
        List<String> seen = new ArrayList<>();
        all.forEach(i -> seen.add(i.path("project").asText() + "/" + i.path("name").asText()));
        assertThat(seen).contains(p + "/" + token + "ap", "default/" + mine);
        JsonNode urls = get(ApiPath.of("/1.0/instances").with("all-projects", "true"));
        assertThat(urls.toString()).contains("/1.0/instances/" + token + "ap?project=" + p);
        assertThat(get(ApiPath.of("/1.0/instances").recursion(1)).toString()).as("without all-projects")
                .doesNotContain(token + "ap");
    }

    @Test
    void instanceIsPlacedOnItsTargetAndMovesThroughStates() {
        String member = target.members().get(1);
        String name = container("i", member, null, null);
        Instance created = c.instances().get("default", name).value();
        assertThat(created.location()).isEqualTo(member);
        assertThat(created.status()).isEqualTo("Stopped");
        assertThat(created.config()).containsKey("volatile.uuid");
        c.instances().setState("default", name, "start", false);
        Instance running = c.instances().list("default").stream().filter(i -> i.name().equals(name)).findFirst()
                .orElseThrow();
        assertThat(running.status()).isEqualTo("Running");
        assertThat(running.statusCode()).isEqualTo(103);
        assertThat(running.state().pid()).isPositive();
        IncusException again = refusal(() -> c.instances().setState("default", name, "start", false));
        assertThat(again.kind()).isEqualTo(IncusException.Kind.OPERATION_FAILED);
        assertThat(again.getMessage()).contains("The instance is already running");
        c.instances().setState("default", name, "stop", true);
        assertThat(c.instances().get("default", name).value().status()).isEqualTo("Stopped");
    }

    @Test
    void leasesHonourReservedAddressesInsideTheBridgeCidr() {
        String net = bridge("l");
        String gateway = c.networks().get(null, net, null).value().config().get("ipv4.address").split("/")[0];
        String prefix = gateway.substring(0, gateway.lastIndexOf('.') + 1);
        String reserved = prefix + "77";
        String a = container("la", target.members().getFirst(), net, reserved);
        String b = container("lb", target.members().get(1), net, null);
        c.instances().setState("default", a, "start", false);
        c.instances().setState("default", b, "start", false);
        List<NetworkLease> leases = poll("leases of " + a + " and " + b, () -> c.networks().leases("default", net),
                l -> l.stream().anyMatch(x -> x.hostname().equals(b)) && l.stream().anyMatch(x -> x.hostname()
                        .equals(a) && x.address().equals(reserved)));
        assertThat(leases).anySatisfy(l -> {
            assertThat(l.hostname()).isEqualTo(a);
            assertThat(l.address()).isEqualTo(reserved);
        });
        assertThat(leases).anySatisfy(l -> {
            assertThat(l.hostname()).isEqualTo(b);
            assertThat(l.address()).startsWith(prefix).isNotEqualTo(gateway).isNotEqualTo(reserved);
        });
        assertThat(leases).anySatisfy(l -> {
            assertThat(l.type()).isEqualTo("gateway");
            assertThat(l.address()).isEqualTo(gateway);
        });
    }

    @Test
    void pingCrossesMembersOnlyWhileTheVlanInterfaceIsBridged() {
        String net = bridge("p");
        String gateway = c.networks().get(null, net, null).value().config().get("ipv4.address").split("/")[0];
        String prefix = gateway.substring(0, gateway.lastIndexOf('.') + 1);
        String a = container("pa", target.members().getFirst(), net, null);
        String b = container("pb", target.members().get(1), net, null);
        c.instances().setState("default", a, "start", false);
        c.instances().setState("default", b, "start", false);
        ipv4(a, prefix);
        String addressOfB = ipv4(b, prefix);
        poll(a + " pings " + b, () -> c.instances().exec("default", a, List.of("ping", "-c1", "-W1", addressOfB),
                WAIT).exitCode(), code -> code == 0);
        target.detachVlan(target.members().get(1), "sigsrv0");
        later(() -> target.attachVlan(target.members().get(1), "sigsrv0", net));
        assertThat(c.instances().exec("default", a, List.of("ping", "-c1", "-W1", addressOfB), WAIT).exitCode())
                .isNotZero();
    }

    /**
     * The IPv4 address {@code ip -4 addr} shows on eth0 inside the instance, once DHCP gave it one. Not the lease
     * list's: on a bridge spanning members every member's DHCP server answers on the shared segment (see docs/simulator.md).
     */
    private String ipv4(String instance, String prefix) {
        Pattern inet = Pattern.compile("inet (" + Pattern.quote(prefix) + "\\d+)/24");
        String out = poll("an address on eth0 of " + instance, () -> c.instances().exec("default", instance,
                List.of("ip", "-4", "addr"), WAIT).stdout(), o -> inet.matcher(o).find());
        Matcher m = inet.matcher(out);
        m.find();
        return m.group(1);
    }

    @Test
    void execNeedsARunningInstance() {
        String name = container("x", target.members().getFirst(), null, null);
        IncusException e = refusal(() -> c.instances().exec("default", name, List.of("true"), WAIT));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).endsWith("Instance is not running");
    }

    @Test
    void runningInstanceCannotBeDeleted() {
        String name = container("r", target.members().getFirst(), null, null);
        c.instances().setState("default", name, "start", false);
        IncusException e = refusal(() -> c.instances().delete("default", name));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).endsWith("Instance is running");
    }

    @Test
    void offlineMemberReportsOfflineWithNoHeartbeat() {
        String down = target.members().get(1);
        target.stopMember(down);
        later(() -> target.startMember(down));
        var member = poll(down + " Offline", () -> c.cluster().members().stream().filter(m -> m.serverName()
                .equals(down)).findFirst().orElseThrow(), m -> m.status().equals("Offline"));
        assertThat(member.message()).startsWith("No heartbeat for ");
    }
}
