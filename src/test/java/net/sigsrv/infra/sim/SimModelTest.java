package net.sigsrv.infra.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's own model, beyond what the conformance suite can compare with LXD 5.0.2: Incus flavour, faults. */
class SimModelTest {

    @TempDir
    Path dir;
    private Sim.Served served;
    private IncusClient c;

    @BeforeEach
    void start() throws IOException {
        served = Sim.serve(new SimStore(dir), 0);
        c = IncusClient.connect(new Endpoint.Http(served.server().url()));
    }

    @AfterEach
    void stop() throws IOException {
        c.close();
        served.close();
    }

    private void fault(String command, String... args) {
        c.send("POST", new ApiPath("/sim/v1/fault", Map.of()), Map.of("command", command, "args", List.of(args)),
                null);
    }

    private void bridge(String name, String cidr) {
        for (String m : List.of("sigsrv", "minisrv")) {
            c.networks().createOnMember(null, name, "bridge", m, Map.of("bridge.external_interfaces", "sigsrv0"));
        }
        c.networks().create(null, name, "bridge", "", Map.of("ipv4.address", cidr, "ipv6.address", "none"));
    }

    private void pool(String name) {
        for (String m : List.of("sigsrv", "minisrv")) {
            c.storage().createPoolOnMember(name, "dir", m, Map.of());
        }
        c.storage().createPool(name, "dir", "", Map.of());
    }

    @Test
    void incusFlavourByDefaultCreatesAndStartsInOneRequest() {
        assertThat(c.server().flavour()).isEqualTo("incus");
        assertThat(c.server().has("instance_create_start")).isTrue();
        c.instances().create("default", InstanceCreate.container("one", "any"), null, true);
        assertThat(c.instances().get("default", "one").value().status()).isEqualTo("Running");
        assertThat(c.projects().get("default").value().config()).containsEntry("features.storage.buckets", "true");
    }

    @Test
    void placementPicksTheMemberWithFewestInstances() {
        c.instances().create("default", InstanceCreate.container("a", "any"), "sigsrv", false);
        c.instances().create("default", InstanceCreate.container("b", "any"), null, false);
        assertThat(c.instances().get("default", "b").value().location()).isEqualTo("minisrv");
    }

    @Test
    void leasesSkipTheGatewayAndAddressesReservedByOthers() {
        bridge("br0", "10.5.0.1/24");
        var nic = Map.of("eth0", Map.of("type", "nic", "network", "br0", "ipv4.address", "10.5.0.2"));
        c.instances().create("default", InstanceCreate.container("fixed", "any").withDevices(nic), null, false);
        c.instances().create("default", InstanceCreate.container("dyn", "any").withDevices(Map.of("eth0",
                Map.of("type", "nic", "network", "br0"))), null, true);
        assertThat(c.networks().leases("default", "br0")).anySatisfy(l -> {
            assertThat(l.hostname()).isEqualTo("dyn");
            assertThat(l.address()).isEqualTo("10.5.0.3");
        });
    }

    @Test
    void linkDownAndOfflineMemberBreakWhatTheyShould() {
        bridge("br1", "10.6.0.1/24");
        fault("link-down", "minisrv", "sigsrv0");
        assertThat(c.networks().state("sigsrv0", "minisrv").state()).isEqualTo("down");
        fault("stop-member", "minisrv");
        IncusException e = catchIncus(() -> c.instances().create("default", InstanceCreate.container("x", "any"),
                "minisrv", false));
        assertThat(e.getMessage()).contains("minisrv").contains("offline");
        fault("heal");
        assertThat(c.networks().state("sigsrv0", "minisrv").state()).isEqualTo("up");
        assertThat(c.cluster().members()).allSatisfy(m -> assertThat(m.status()).isEqualTo("Online"));
    }

    @Test
    void fullPoolReportsAllSpaceUsedAndRefusesVolumes() {
        pool("small");
        fault("fill-pool", "sigsrv", "small");
        var r = c.storage().resources("small", "sigsrv");
        assertThat(r.space().used()).isEqualTo(r.space().total());
        IncusException e = catchIncus(() -> c.storage().createVolume("default", "small", "v", "filesystem",
                "sigsrv", Map.of("size", "1GiB")));
        assertThat(e.getMessage()).contains("No space left on device");
        c.storage().createVolume("default", "small", "v", "filesystem", "minisrv", Map.of("size", "1GiB"));
        assertThat(c.storage().resources("small", "minisrv").space().used()).isEqualTo(1L << 30);
    }

    /** As the daemon answers (LXD's ValidVolumeName): a clean 400, where the simulator threw a NullPointerException. */
    @Test
    void aVolumeNameWithASlashOrDotsIsRefusedWithA400() {
        pool("p");
        for (String name : List.of("a/b", "../x", "..", ".")) {
            IncusException e = catchIncus(() -> c.storage().createVolume("default", "p", name, "filesystem",
                    "sigsrv", Map.of()));
            assertThat(e.status()).as(name).isEqualTo(400);
            assertThat(e.getMessage()).as(name).contains("Invalid volume name \"" + name + "\"");
        }
        c.storage().createVolume("default", "p", "a..b", "filesystem", "sigsrv", Map.of());
        assertThat(c.storage().volumes("default", "p")).extracting(v -> v.name()).containsExactly("a..b");
    }

    @Test
    void addressOnTheVlanInterfaceKeepsItOutOfANewBridge() {
        fault("add-ip", "sigsrv", "sigsrv0", "10.9.9.9/24");
        IncusException e = catchIncus(() -> bridge("br2", "10.7.0.1/24"));
        assertThat(e.getMessage()).contains("Only unconfigured network interfaces can be bridged");
    }

    @Test
    void stateSurvivesARestart() throws IOException {
        c.projects().create("kept", "", Map.of());
        c.close();
        served.close();
        served = Sim.serve(new SimStore(dir), 0);
        c = IncusClient.connect(new Endpoint.Http(served.server().url()));
        assertThat(c.projects().list()).extracting(p -> p.name()).contains("kept");
    }

    @Test
    void execRecordsOutputOfProbeCommands() {
        c.instances().create("default", InstanceCreate.container("p", "any"), null, true);
        var r = c.instances().exec("default", "p", List.of("hostname"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("p\n");
        assertThat(c.instances().exec("default", "p", List.of("nmap"), Duration.ofSeconds(5)).exitCode())
                .isEqualTo(127);
    }

    @Test
    void plainHttpEndpointsAreLoopbackOnly() {
        assertThat(new Endpoint.Http(URI.create("http://127.0.0.1:8080")).describe()).contains("127.0.0.1");
        new Endpoint.Http(URI.create("http://[::1]:1"));
        new Endpoint.Http(URI.create("http://localhost:1"));
        assertThatThrownBy(() -> new Endpoint.Http(URI.create("http://10.0.0.1:8443")))
                .hasMessageContaining("only http://127.0.0.1");
        assertThatThrownBy(() -> new Endpoint.Http(URI.create("http://example.com")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void secondServerOnTheSameStateIsRefused() throws IOException {
        assertThat(Sim.serve(new SimStore(dir), 0)).isNull();
    }

    private static IncusException catchIncus(Runnable r) {
        try {
            r.run();
        } catch (IncusException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }
}
