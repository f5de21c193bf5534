package net.sigsrv.infra.talos.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import net.sigsrv.infra.sim.talos.SimTalosNetwork;
import net.sigsrv.infra.sim.talos.SimTalosNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The Talos API client against simulated Talos nodes over real gRPC and TLS on loopback: maintenance mode, the
 * switch to mutual TLS after a configuration and a reboot, the refusals of both modes, Bootstrap's idempotence,
 * etcd membership, the Kubeconfig stream and the {@code node} header routing a call through an endpoint.
 */
class TalosClientSimTest {

    private static final Duration REBOOT = Duration.ofMillis(200);
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final TalosTestPki.Pair osCa = TalosTestPki.ed25519Ca("talos-os");
    private final TalosTestPki.Pair kubeCa = TalosTestPki.ecdsaCa("kubernetes");
    private final TalosTestPki.Pair admin = TalosTestPki.client(osCa, "O=os:admin,CN=admin");
    private final SimTalosNetwork network = new SimTalosNetwork();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void maintenanceModeServesVersionAndApplyConfigurationOnlyWithoutClientCertificate() {
        SimTalosNode node = node("10.0.0.11");
        TalosClient insecure = insecure(node);

        assertThat(insecure.version().tag()).isEqualTo("v1.11.5");
        TalosApiException refused = catchThrowableOfType(TalosApiException.class, insecure::bootstrap);
        assertThat(refused.kind()).isEqualTo(TalosApiException.Kind.MAINTENANCE_ONLY);
        assertThat(refused).hasMessageContaining("127.0.0.1:" + node.port())
                .hasMessageContaining("Bootstrap is not served in maintenance mode");
        assertThat(catchThrowableOfType(TalosApiException.class, insecure::kubeconfig).kind())
                .isEqualTo(TalosApiException.Kind.MAINTENANCE_ONLY);

        // a mutual-TLS client cannot verify the self-signed maintenance certificate: a wait, not a failure
        TalosApiException early = catchThrowableOfType(TalosApiException.class, () -> admin(node).version());
        assertThat(early.kind()).isEqualTo(TalosApiException.Kind.STILL_IN_MAINTENANCE);
        assertThat(early.isWait()).isTrue();
        assertThat(early).hasMessageContaining("still in maintenance mode");
    }

    @Test
    void applyConfigurationRebootsTheNodeIntoMutualTlsWithTheOsCaAndTheAdminRole() throws InterruptedException {
        // a reboot that lasts until the test ends it, so that "down while rebooting" does not depend on timing
        SimTalosNode node = track(SimTalosNode.start(network, SimTalosNode.Options.of("10.0.0.11", "p1")
                .withRebootDelay(Duration.ofMinutes(5))));
        TalosClient insecure = insecure(node);

        var applied = insecure.applyConfiguration(config("controlplane", "p1", "p1-cp-0"),
                TalosReplies.ApplyMode.AUTO, false);
        assertThat(applied.reboots()).isTrue();

        // rebooting: nothing answers; then only mutual TLS does
        while (node.phase() != SimTalosNode.Phase.REBOOTING) {
            Thread.sleep(10);
        }
        TalosClient client = admin(node);
        TalosApiException down = catchThrowableOfType(TalosApiException.class, client::version);
        assertThat(down.kind()).isEqualTo(TalosApiException.Kind.NOT_ANSWERING);
        assertThat(down).hasMessage("Talos API not answering at 127.0.0.1:" + node.port());
        assertThat(node.finishReboot()).isTrue();
        assertThat(waitFor(client::version, EnumSet.noneOf(TalosApiException.Kind.class)).tag())
                .isEqualTo("v1.11.5");
        assertThat(node.phase()).isEqualTo(SimTalosNode.Phase.CONFIGURED);

        TalosApiException noCertificate = catchThrowableOfType(TalosApiException.class, insecure::version);
        assertThat(noCertificate.kind()).isEqualTo(TalosApiException.Kind.FORBIDDEN);

        TalosTestPki.Pair rogueCa = TalosTestPki.ed25519Ca("talos-os");
        TalosTestPki.Pair rogue = TalosTestPki.client(rogueCa, "O=os:admin,CN=admin");
        TalosApiException otherCa = catchThrowableOfType(TalosApiException.class,
                () -> connect(node, TalosCredentials.admin(osCa.certPem(), rogue.certPem(), rogue.keyPem())).version());
        assertThat(otherCa.kind()).isEqualTo(TalosApiException.Kind.FORBIDDEN);
        assertThat(otherCa).hasMessageContaining("refused the client certificate");

        TalosTestPki.Pair reader = TalosTestPki.client(osCa, "O=os:reader,CN=reader");
        TalosClient readOnly = connect(node, TalosCredentials.admin(osCa.certPem(), reader.certPem(),
                reader.keyPem()));
        assertThat(readOnly.version().tag()).isEqualTo("v1.11.5");
        TalosApiException notAdmin = catchThrowableOfType(TalosApiException.class, readOnly::bootstrap);
        assertThat(notAdmin.kind()).isEqualTo(TalosApiException.Kind.FORBIDDEN);
        assertThat(notAdmin).hasMessageContaining("os:admin");

        TalosTestPki.Pair noRole = TalosTestPki.client(osCa, "CN=nobody");
        assertThat(catchThrowableOfType(TalosApiException.class, () -> connect(node,
                TalosCredentials.admin(osCa.certPem(), noRole.certPem(), noRole.keyPem())).version()).kind())
                .isEqualTo(TalosApiException.Kind.FORBIDDEN);
    }

    @Test
    void aConfigurationThatIsNotTalosYamlOrNamesAnotherClusterIsRefusedWithoutEchoingIt() {
        SimTalosNode node = node("10.0.0.11");
        TalosClient insecure = insecure(node);

        TalosApiException notYaml = catchThrowableOfType(TalosApiException.class, () -> insecure.applyConfiguration(
                "machine: {type: [controlplane\nsecret: hunter2\n".getBytes(StandardCharsets.UTF_8),
                TalosReplies.ApplyMode.AUTO, false));
        assertThat(notYaml.kind()).isEqualTo(TalosApiException.Kind.REJECTED);
        assertThat(notYaml).hasMessageContaining("not valid YAML (line").hasMessageNotContaining("hunter2");

        TalosApiException noTalos = catchThrowableOfType(TalosApiException.class, () -> insecure.applyConfiguration(
                "version: v1alpha1\nmachine: {}\n".getBytes(StandardCharsets.UTF_8), TalosReplies.ApplyMode.AUTO,
                false));
        assertThat(noTalos.kind()).isEqualTo(TalosApiException.Kind.REJECTED);
        assertThat(noTalos).hasMessageContaining("machine.type");

        TalosApiException other = catchThrowableOfType(TalosApiException.class, () -> insecure.applyConfiguration(
                config("controlplane", "p2", "p2-cp-0"), TalosReplies.ApplyMode.AUTO, false));
        assertThat(other.kind()).isEqualTo(TalosApiException.Kind.REJECTED);
        assertThat(other).hasMessageContaining("for cluster p2; this node belongs to cluster p1");

        assertThat(node.phase()).isEqualTo(SimTalosNode.Phase.MAINTENANCE);
        assertThat(insecure.version().tag()).isEqualTo("v1.11.5");
    }

    @Test
    void bootstrapIsOnceAndTheHelperCountsAlreadyExistsAsDone() {
        SimTalosNode node = configured("10.0.0.11", "controlplane", "p1-cp-0");
        TalosClient client = admin(node);

        assertThat(client.services()).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo("etcd");
            assertThat(s.state()).isEqualTo("Preparing");
        });
        assertThat(client.bootstrapOnce()).isEqualTo(TalosReplies.Bootstrap.BOOTSTRAPPED);
        TalosApiException again = catchThrowableOfType(TalosApiException.class, client::bootstrap);
        assertThat(again.kind()).isEqualTo(TalosApiException.Kind.ALREADY_EXISTS);
        assertThat(client.bootstrapOnce()).isEqualTo(TalosReplies.Bootstrap.ALREADY_BOOTSTRAPPED);
        assertThat(client.services()).anySatisfy(s -> {
            assertThat(s.id()).isEqualTo("etcd");
            assertThat(s.state()).isEqualTo("Running");
        });
    }

    @Test
    void etcdTracksControlPlanesAndTheNodeHeaderRoutesThroughTheEndpoint() {
        SimTalosNode cp0 = configured("10.0.0.11", "controlplane", "p1-cp-0");
        SimTalosNode cp1 = configured("10.0.0.12", "controlplane", "p1-cp-1");
        SimTalosNode worker = configured("10.0.0.21", "worker", "p1-worker-0");
        TalosClient endpoint = admin(cp0);

        assertThat(catchThrowableOfType(TalosApiException.class, endpoint::etcdMembers).kind())
                .isEqualTo(TalosApiException.Kind.NOT_READY);
        endpoint.bootstrap();
        assertThat(endpoint.etcdMembers()).extracting(TalosReplies.EtcdMember::hostname)
                .containsExactly("p1-cp-0", "p1-cp-1");

        // through the endpoint (cp0) to cp1 and the worker, by address and by hostname
        TalosClient viaCp1 = endpoint.node(cp1.address());
        assertThat(viaCp1.version().node()).isEqualTo("p1-cp-1");
        assertThat(endpoint.version().node()).isEmpty();
        assertThat(viaCp1.where()).isEqualTo("127.0.0.1:" + cp0.port() + " (node 10.0.0.12)");
        assertThat(endpoint.node("p1-worker-0").version().node()).isEqualTo("p1-worker-0");
        assertThat(catchThrowableOfType(TalosApiException.class, () -> endpoint.node(worker.address()).bootstrap())
                .kind()).isEqualTo(TalosApiException.Kind.NOT_READY);
        TalosApiException nowhere = catchThrowableOfType(TalosApiException.class,
                () -> endpoint.node("10.0.0.99").version());
        assertThat(nowhere.kind()).isEqualTo(TalosApiException.Kind.NOT_ANSWERING);
        assertThat(nowhere).hasMessageContaining("(node 10.0.0.99)");

        // a control plane leaves etcd through the endpoint; another is removed by id
        viaCp1.etcdLeaveCluster();
        assertThat(endpoint.etcdMembers()).extracting(TalosReplies.EtcdMember::hostname).containsExactly("p1-cp-0");
        SimTalosNode cp2 = configured("10.0.0.13", "controlplane", "p1-cp-2");
        var members = endpoint.etcdMembers();
        assertThat(members).extracting(TalosReplies.EtcdMember::hostname).containsExactly("p1-cp-0", "p1-cp-2");
        assertThat(members.get(1).peerUrls()).containsExactly("https://10.0.0.13:2380");
        endpoint.etcdRemoveMember(members.get(1).id());
        assertThat(endpoint.etcdMembers()).extracting(TalosReplies.EtcdMember::hostname).containsExactly("p1-cp-0");
        assertThat(catchThrowableOfType(TalosApiException.class, () -> endpoint.node(cp2.address()).etcdMembers())
                .kind()).isEqualTo(TalosApiException.Kind.NOT_READY);

        ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
        assertThat(endpoint.etcdSnapshot(snapshot)).isPositive();
        assertThat(snapshot.toString(StandardCharsets.UTF_8)).contains("cluster p1");
    }

    @Test
    void kubeconfigIsReassembledFromItsStreamAndSignedByTheKubernetesCa() throws Exception {
        SimTalosNode node = configured("10.0.0.11", "controlplane", "p1-cp-0");
        byte[] kubeconfig = admin(node).kubeconfig();

        assertThat(kubeconfig.length).as("longer than one 512-byte chunk").isGreaterThan(1024);
        Map<?, ?> doc = (Map<?, ?>) new Load(LoadSettings.builder().build())
                .loadFromString(new String(kubeconfig, StandardCharsets.UTF_8));
        assertThat(doc.get("current-context")).isEqualTo("admin@p1");
        Map<?, ?> cluster = (Map<?, ?>) ((Map<?, ?>) ((List<?>) doc.get("clusters")).get(0)).get("cluster");
        assertThat(cluster.get("server")).isEqualTo("https://10.0.0.10:6443");
        assertThat(decode(cluster.get("certificate-authority-data"))).isEqualTo(kubeCa.certPem());
        Map<?, ?> user = (Map<?, ?>) ((Map<?, ?>) ((List<?>) doc.get("users")).get(0)).get("user");
        X509Certificate cert = TalosPem.certificates(decode(user.get("client-certificate-data")), "kubeconfig")
                .get(0);
        cert.verify(kubeCa.cert().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).contains("O=system:masters").contains("CN=admin");
        assertThat(TalosPem.privateKey(decode(user.get("client-key-data")), "kubeconfig key").getAlgorithm())
                .isEqualTo("EC");

        SimTalosNode worker = configured("10.0.0.21", "worker", "p1-worker-0");
        assertThat(catchThrowableOfType(TalosApiException.class, () -> admin(worker).kubeconfig()).kind())
                .isEqualTo(TalosApiException.Kind.NOT_READY);
    }

    @Test
    void nothingListeningIsNotAnsweringWithTheAddressAndAWait() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        TalosClient client = track(TalosClient.connect("127.0.0.1", port, TalosCredentials.insecure(), DEADLINE));
        TalosApiException down = catchThrowableOfType(TalosApiException.class, client::version);
        assertThat(down.kind()).isEqualTo(TalosApiException.Kind.NOT_ANSWERING);
        assertThat(down.isWait()).isTrue();
        assertThat(down).hasMessage("Talos API not answering at 127.0.0.1:" + port);
        assertThatThrownBy(() -> client.node("bad node")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRebootAndAnUpgradeAreAnsweredThenTheNodeComesBackOnTheNewVersion() throws InterruptedException {
        SimTalosNode node = configured("10.0.0.11", "controlplane", "p1-cp-0");
        TalosClient client = admin(node);
        assertThat(client.upgrade("ghcr.io/siderolabs/installer:v1.12.0", false, false, false))
                .isEqualTo("Upgrade request received");
        Set<TalosApiException.Kind> seen = EnumSet.noneOf(TalosApiException.Kind.class);
        assertThat(waitFor(() -> {
            String tag = client.version().tag();
            if (!tag.equals("v1.12.0")) {
                throw new TalosApiException(TalosApiException.Kind.NOT_ANSWERING, "old version", null);
            }
            return tag;
        }, seen)).isEqualTo("v1.12.0");

        // a reset wipes the configuration: the node is back in maintenance mode
        client.reset(false, true);
        while (node.phase() == SimTalosNode.Phase.CONFIGURED) {
            Thread.sleep(10);
        }
        TalosClient insecure = insecure(node);
        assertThat(waitFor(insecure::version, EnumSet.noneOf(TalosApiException.Kind.class)).tag())
                .isEqualTo("v1.12.0");
        assertThat(node.phase()).isEqualTo(SimTalosNode.Phase.MAINTENANCE);
    }

    // --- helpers ---

    private SimTalosNode node(String address) {
        return track(SimTalosNode.start(network, SimTalosNode.Options.of(address, "p1").withRebootDelay(REBOOT)));
    }

    /** A node taken through maintenance mode, a configuration and its reboot. */
    private SimTalosNode configured(String address, String type, String hostname) {
        SimTalosNode node = node(address);
        insecure(node).applyConfiguration(config(type, "p1", hostname), TalosReplies.ApplyMode.AUTO, false);
        waitFor(() -> admin(node).version(), EnumSet.noneOf(TalosApiException.Kind.class));
        return node;
    }

    private byte[] config(String type, String cluster, String hostname) {
        return TalosTestPki.machineConfig(type, cluster, hostname, osCa, kubeCa, !type.equals("worker"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private TalosClient insecure(SimTalosNode node) {
        return connect(node, TalosCredentials.insecure());
    }

    private TalosClient admin(SimTalosNode node) {
        return connect(node, TalosCredentials.admin(osCa.certPem(), admin.certPem(), admin.keyPem()));
    }

    private TalosClient connect(SimTalosNode node, TalosCredentials credentials) {
        return track(TalosClient.connect(node.listenHost(), node.port(), credentials, DEADLINE));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** Calls until the node answers (at most 10 s), noting the kinds of the waits seen on the way. */
    private static <T> T waitFor(Supplier<T> call, Set<TalosApiException.Kind> seen) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return call.get();
            } catch (TalosApiException e) {
                seen.add(e.kind());
                if (!e.isWait() || System.nanoTime() > end) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String decode(Object base64) {
        return new String(Base64.getDecoder().decode(base64.toString()), StandardCharsets.US_ASCII);
    }
}
