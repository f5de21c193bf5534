package net.sigsrv.infra.sim.talos;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import net.sigsrv.infra.talos.api.SingleKeyManager;
import net.sigsrv.infra.talos.api.TalosPem;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * One simulated Talos node: apid on loopback, with the node's life as Talos lives it. It boots into maintenance
 * mode (a self-signed certificate, no client certificate asked, only ApplyConfiguration and Version served); a
 * configuration makes it "install" and reboot (unavailable for {@link Options#rebootDelay()}); it comes back in
 * configured mode (a certificate from the configuration's OS CA, a client certificate from that CA demanded, the
 * {@code os:admin} role needed to change anything). The MachineService calls are in {@link SimMachineService}.
 *
 * <p>Thread-safe: the node's state is guarded by its monitor; the cluster's etcd by that etcd's monitor.
 */
public final class SimTalosNode implements AutoCloseable {

    /** Where the node is in its life. */
    public enum Phase { MAINTENANCE, REBOOTING, CONFIGURED, HALTED }

    /**
     * @param address      the node's identity: its reserved address, what a {@code node} header names
     * @param cluster      the cluster its VM belongs to: a configuration naming another is refused
     * @param listenHost   the loopback address apid listens on
     * @param port         0 for any free port (kept across reboots)
     * @param rebootDelay  how long the node does not answer while it (re)boots
     * @param talosVersion the tag Version answers, until an Upgrade names another
     */
    public record Options(String address, String cluster, String listenHost, int port, Duration rebootDelay,
            String talosVersion) {
        public Options {
            if (!listenHost.startsWith("127.") && !listenHost.equals("::1")) {
                throw new IllegalArgumentException("simulated Talos node " + address + ": listen host " + listenHost
                        + " is not loopback");
            }
        }

        public static Options of(String address, String cluster) {
            return new Options(address, cluster, "127.0.0.1", 0, Duration.ofMillis(300), "v1.11.5");
        }

        public Options withRebootDelay(Duration delay) {
            return new Options(address, cluster, listenHost, port, delay, talosVersion);
        }
    }

    /** The pause between a reply that causes a reboot and the node going down, so that the reply gets out. */
    private static final Duration GOING_DOWN = Duration.ofMillis(50);

    private final SimTalosNetwork network;
    private final Options options;
    private final ScheduledExecutorService clock;
    private final SimMachineService service;
    private Phase phase = Phase.HALTED;
    private Server server;
    private int port;
    private SimMachineConfig config;
    private SimMachineConfig staged;
    private String version;
    private String upgradeTo;
    private ScheduledFuture<?> pendingBoot;

    private SimTalosNode(SimTalosNetwork network, Options options) {
        this.network = network;
        this.options = options;
        this.port = options.port();
        this.version = options.talosVersion();
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-talos-" + options.address());
            t.setDaemon(true);
            return t;
        });
        this.service = new SimMachineService(this);
    }

    /** Joins the network and boots into maintenance mode; answers once this returns. */
    public static SimTalosNode start(SimTalosNetwork network, Options options) {
        SimTalosNode node = new SimTalosNode(network, options);
        network.add(node);
        synchronized (node) {
            node.boot();
        }
        return node;
    }

    public String address() {
        return options.address();
    }

    public String cluster() {
        return options.cluster();
    }

    /** The port apid listens on (on {@link Options#listenHost()}). */
    public synchronized int port() {
        return port;
    }

    public String listenHost() {
        return options.listenHost();
    }

    public synchronized Phase phase() {
        return phase;
    }

    /** The configured hostname, else one made from the address (as Talos does: talos-xxx). */
    public synchronized String hostname() {
        if (config != null && !config.hostname().isEmpty()) {
            return config.hostname();
        }
        return "talos-" + options.address().replaceAll("[^A-Za-z0-9]", "-");
    }

    /**
     * Ends a reboot now rather than after {@link Options#rebootDelay()}: tests (with a long delay) see the node
     * down for as long as they need, then bring it up. False when the node is not down in a reboot.
     */
    public boolean finishReboot() {
        synchronized (this) {
            if (phase != Phase.REBOOTING || server != null) {
                return false;
            }
            if (pendingBoot != null) {
                pendingBoot.cancel(false);
            }
            boot();
            return true;
        }
    }

    /** Stops answering for good. */
    @Override
    public void close() {
        synchronized (this) {
            stopServer();
            phase = Phase.HALTED;
        }
        clock.shutdownNow();
        network.remove(this);
        leaveEtcd();
    }

    // --- what the MachineService calls (SimMachineService) ---

    SimTalosNetwork network() {
        return network;
    }

    synchronized SimMachineConfig config() {
        return config;
    }

    synchronized String version() {
        return version;
    }

    /** The OS CA with its key, when this node's configuration carries it (control planes). */
    synchronized Optional<SimPki.Issued> osCaWithKey() {
        if (config == null || config.osCaKeyPem().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SimPki.Issued(TalosPem.certificates(config.osCaPem(), "machine.ca.crt").get(0),
                TalosPem.privateKey(config.osCaKeyPem(), "machine.ca.key")));
    }

    /** A configuration accepted in maintenance mode: the node installs it and reboots into configured mode. */
    synchronized void install(SimMachineConfig newConfig) {
        config = newConfig;
        rebootLater(null);
    }

    /** A configuration for the next boot (ApplyConfiguration STAGED). */
    synchronized void stage(SimMachineConfig newConfig) {
        staged = newConfig;
    }

    /** A configuration applied in place (no reboot). */
    synchronized void replace(SimMachineConfig newConfig) {
        config = newConfig;
    }

    /** Reboots into the same configuration (or the staged one); {@code newVersion} after an upgrade, else null. */
    synchronized void rebootLater(String newVersion) {
        upgradeTo = newVersion;
        clock.schedule(() -> goDown(false, Phase.REBOOTING), GOING_DOWN.toMillis(), TimeUnit.MILLISECONDS);
        pendingBoot = clock.schedule(this::bootLocked, GOING_DOWN.plus(options.rebootDelay()).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reset: the configuration is wiped; the node reboots into maintenance mode, or halts. */
    synchronized void wipeLater(boolean reboot) {
        clock.schedule(() -> goDown(true, reboot ? Phase.REBOOTING : Phase.HALTED), GOING_DOWN.toMillis(),
                TimeUnit.MILLISECONDS);
        if (reboot) {
            pendingBoot = clock.schedule(this::bootLocked, GOING_DOWN.plus(options.rebootDelay()).toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * apid stops: calls in flight (the one that asked for the reboot) finish, new ones are refused; the wait for
     * them is outside the node's monitor, which they may need.
     */
    private void goDown(boolean wipe, Phase next) {
        Server stopping;
        synchronized (this) {
            stopping = server;
            server = null;
            phase = next;
            if (wipe) {
                config = null;
                staged = null;
            }
        }
        stop(stopping);
    }

    /** Leaves the cluster's etcd if it is a member; true when it was one. */
    boolean leaveEtcd() {
        SimTalosNetwork.Etcd etcd = network.etcd(options.cluster());
        synchronized (etcd) {
            return etcd.members.values().removeIf(m -> m.address().equals(options.address()));
        }
    }

    /** Member id of this node: a stable function of its hostname, never 0 (etcd's ids are non-zero). */
    long memberId() {
        long id = hostname().hashCode() * 0x9E3779B97F4A7C15L;
        return id == 0 ? 1 : id;
    }

    // --- boot ---

    private void bootLocked() {
        synchronized (this) {
            boot();
        }
    }

    /** Starts apid in the mode the node's configuration gives; a worker waits for a control plane to sign. */
    private void boot() {
        pendingBoot = null;
        if (upgradeTo != null) {
            version = upgradeTo;
            upgradeTo = null;
        }
        if (staged != null) {
            config = staged;
            staged = null;
        }
        if (config == null) {
            SimPki.Issued self = SimPki.selfSignedServer("maintenance", sans());
            startServer(sslContext(self, List.of()), true);
            phase = Phase.MAINTENANCE;
            return;
        }
        X509Certificate osCa = TalosPem.certificates(config.osCaPem(), "machine.ca.crt").get(0);
        Optional<SimPki.Issued> signer = osCaWithKey().or(() -> network.osCa(options.cluster()));
        if (signer.isEmpty()) {
            phase = Phase.REBOOTING; // trustd: no control plane yet to sign this worker's certificate
            clock.schedule(this::bootLocked, options.rebootDelay().toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        SimPki.Issued serverCert = SimPki.issue(signer.get(), "CN=" + hostname(), SimPki.ed25519(), sans(),
                KeyPurposeId.id_kp_serverAuth);
        startServer(sslContext(serverCert, List.of(osCa)), false);
        phase = Phase.CONFIGURED;
        if (config.controlPlane()) {
            SimTalosNetwork.Etcd etcd = network.etcd(options.cluster());
            synchronized (etcd) {
                if (etcd.bootstrapped) {
                    joinEtcd(etcd);
                }
            }
        }
    }

    /** Adds this node to etcd's members; the caller holds the etcd's monitor. */
    void joinEtcd(SimTalosNetwork.Etcd etcd) {
        etcd.members.putIfAbsent(memberId(), new SimTalosNetwork.Member(memberId(), hostname(), options.address()));
    }

    private List<String> sans() {
        var names = new LinkedHashSet<String>(List.of(options.listenHost(), options.address()));
        if (config != null) {
            names.add(hostname());
        }
        return new ArrayList<>(names);
    }

    /** Maintenance: no trust anchors, no client certificate; configured: the OS CA, a client certificate required. */
    private static SslContext sslContext(SimPki.Issued serverCert, List<X509Certificate> trust) {
        try {
            SslContextBuilder builder = GrpcSslContexts.configure(
                    SslContextBuilder.forServer(new SingleKeyManager(serverCert.key(), List.of(serverCert.certificate()))),
                    SslProvider.JDK);
            if (trust.isEmpty()) {
                builder.clientAuth(ClientAuth.NONE);
            } else {
                builder.trustManager(trust.toArray(X509Certificate[]::new)).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("simulated Talos node: cannot set up TLS", e);
        }
    }

    private void startServer(SslContext tls, boolean maintenance) {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(options.listenHost(), port))
                    .sslContext(tls)
                    .addService(ServerInterceptors.intercept(service, new SimApiAccess(this, maintenance)))
                    .build()
                    .start();
            port = server.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException("simulated Talos node " + options.address() + ": cannot listen on "
                    + options.listenHost() + ":" + port, e);
        }
    }

    private void stopServer() {
        stop(server);
        server = null;
    }

    private static void stop(Server stopping) {
        if (stopping == null) {
            return;
        }
        // graceful first, so that the reply asking for the reboot gets out; idle client connections are then cut,
        // as a reboot cuts them
        stopping.shutdown();
        try {
            if (!stopping.awaitTermination(200, TimeUnit.MILLISECONDS)) {
                stopping.shutdownNow();
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The gRPC error of a node that cannot take the call in its state. */
    static io.grpc.StatusRuntimeException refuse(Status status, String message) {
        return status.withDescription(message).asRuntimeException();
    }
}
