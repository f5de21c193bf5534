package net.sigsrv.infra.talos.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import net.sigsrv.infra.talos.proto.common.Data;
import net.sigsrv.infra.talos.proto.machine.ApplyConfigurationRequest;
import net.sigsrv.infra.talos.proto.machine.BootstrapRequest;
import net.sigsrv.infra.talos.proto.machine.EtcdLeaveClusterRequest;
import net.sigsrv.infra.talos.proto.machine.EtcdMemberListRequest;
import net.sigsrv.infra.talos.proto.machine.EtcdRemoveMemberByIDRequest;
import net.sigsrv.infra.talos.proto.machine.EtcdSnapshotRequest;
import net.sigsrv.infra.talos.proto.machine.MachineServiceGrpc;
import net.sigsrv.infra.talos.proto.machine.RebootRequest;
import net.sigsrv.infra.talos.proto.machine.ResetRequest;
import net.sigsrv.infra.talos.proto.machine.UpgradeRequest;

/**
 * A client of one Talos endpoint (a node's apid, port {@value #PORT}): one TLS channel, opened lazily and reused.
 * {@link #node(String)} gives a view whose calls carry the {@code node} metadata header, so the endpoint routes them
 * to that node, as {@code talosctl -e ENDPOINT -n NODE} does. Every call has a deadline; every failure is a
 * {@link TalosApiException} whose message names the address and the node.
 *
 * <p>Thread-safe; closing the client returned by {@link #connect} closes the channel of every view.
 */
public final class TalosClient implements AutoCloseable {

    /** The port apid listens on. */
    public static final int PORT = 50000;
    /** The default deadline of a unary call; streams get it too, for the whole stream. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    private static final Metadata.Key<String> NODE = Metadata.Key.of("node", Metadata.ASCII_STRING_MARSHALLER);

    private final ManagedChannel channel;
    private final String address;
    private final String node;
    private final boolean maintenance;
    private final Duration deadline;
    private final boolean owner;

    private TalosClient(ManagedChannel channel, String address, String node, boolean maintenance, Duration deadline,
            boolean owner) {
        this.channel = channel;
        this.address = address;
        this.node = node;
        this.maintenance = maintenance;
        this.deadline = deadline;
        this.owner = owner;
    }

    /** A client of the endpoint at {@code host:port}; nothing is sent until the first call. */
    public static TalosClient connect(String host, int port, TalosCredentials credentials, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("Talos API deadline " + deadline + ": must be positive");
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port)
                .sslContext(TalosTls.client(credentials))
                .maxInboundMessageSize(64 << 20)
                .build();
        return new TalosClient(channel, host + ":" + port, "", credentials.isMaintenance(), deadline, true);
    }

    /** The same endpoint and channel; calls go to {@code node} (its address or hostname) through it. */
    public TalosClient node(String node) {
        if (node.isBlank() || node.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("Talos node '" + node + "': must be a printable address or name");
        }
        return new TalosClient(channel, address, node, maintenance, deadline, false);
    }

    /** The same endpoint and node with another deadline. */
    public TalosClient withDeadline(Duration newDeadline) {
        return new TalosClient(channel, address, node, maintenance, newDeadline, false);
    }

    /** "ADDR:PORT", or "ADDR:PORT (node N)" for a routed view: what messages name. */
    public String where() {
        return node.isEmpty() ? address : address + " (node " + node + ")";
    }

    public TalosReplies.Version version() {
        var reply = call("Version", s -> s.version(Empty.getDefaultInstance()));
        if (reply.getMessagesCount() == 0) {
            throw new TalosApiException(TalosApiException.Kind.FAILED, "Talos API at " + where()
                    + ": Version: an empty reply", null);
        }
        var m = reply.getMessages(0);
        return new TalosReplies.Version(m.getMetadata().getHostname(), m.getVersion().getTag(),
                m.getVersion().getSha(), m.getVersion().getArch(), m.getPlatform().getName(), m.getPlatform().getMode());
    }

    /** Sends a machine configuration (the YAML documents); never part of any message. */
    public TalosReplies.Applied applyConfiguration(byte[] config, TalosReplies.ApplyMode mode, boolean dryRun) {
        var request = ApplyConfigurationRequest.newBuilder().setData(ByteString.copyFrom(config))
                .setMode(ApplyConfigurationRequest.Mode.valueOf(mode.name())).setDryRun(dryRun).build();
        var reply = call("ApplyConfiguration", s -> s.applyConfiguration(request));
        var m = reply.getMessagesCount() == 0 ? null : reply.getMessages(0);
        if (m == null) {
            return new TalosReplies.Applied("", mode, "", List.of());
        }
        TalosReplies.ApplyMode chosen = m.getMode() == ApplyConfigurationRequest.Mode.UNRECOGNIZED ? mode
                : TalosReplies.ApplyMode.valueOf(m.getMode().name());
        return new TalosReplies.Applied(m.getMetadata().getHostname(), chosen, m.getModeDetails(),
                m.getWarningsList());
    }

    /** Starts etcd on this control plane as a new cluster; {@link TalosApiException.Kind#ALREADY_EXISTS} after. */
    public void bootstrap() {
        call("Bootstrap", s -> s.bootstrap(BootstrapRequest.getDefaultInstance()));
    }

    /**
     * Bootstrap as the lifecycle needs it: etcd that is already there (AlreadyExists) counts as done, so a rerun of
     * apply after a bootstrap continues. Other failures are thrown ({@link TalosApiException#isWait()} says whether
     * to wait: a node still in maintenance or rebooting).
     */
    public TalosReplies.Bootstrap bootstrapOnce() {
        try {
            bootstrap();
            return TalosReplies.Bootstrap.BOOTSTRAPPED;
        } catch (TalosApiException e) {
            if (e.kind() == TalosApiException.Kind.ALREADY_EXISTS) {
                return TalosReplies.Bootstrap.ALREADY_BOOTSTRAPPED;
            }
            throw e;
        }
    }

    public List<TalosReplies.EtcdMember> etcdMembers() {
        var reply = call("EtcdMemberList", s -> s.etcdMemberList(EtcdMemberListRequest.getDefaultInstance()));
        return reply.getMessagesList().stream().flatMap(m -> m.getMembersList().stream())
                .map(m -> new TalosReplies.EtcdMember(m.getId(), m.getHostname(), m.getPeerUrlsList(),
                        m.getClientUrlsList(), m.getIsLearner()))
                .toList();
    }

    public void etcdRemoveMember(long memberId) {
        call("EtcdRemoveMemberByID", s -> s.etcdRemoveMemberByID(
                EtcdRemoveMemberByIDRequest.newBuilder().setMemberId(memberId).build()));
    }

    /** This control plane leaves etcd (before it is reset or removed). */
    public void etcdLeaveCluster() {
        call("EtcdLeaveCluster", s -> s.etcdLeaveCluster(EtcdLeaveClusterRequest.getDefaultInstance()));
    }

    /** Streams an etcd snapshot into {@code out}; returns its size in bytes. */
    public long etcdSnapshot(OutputStream out) {
        return stream("EtcdSnapshot", s -> s.etcdSnapshot(EtcdSnapshotRequest.getDefaultInstance()), out);
    }

    /** The admin kubeconfig, reassembled from its stream of chunks. Secret: write it 0600, never print it. */
    public byte[] kubeconfig() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream("Kubeconfig", s -> s.kubeconfig(Empty.getDefaultInstance()), out);
        return out.toByteArray();
    }

    public List<TalosReplies.Service> services() {
        var reply = call("ServiceList", s -> s.serviceList(Empty.getDefaultInstance()));
        return reply.getMessagesList().stream().flatMap(m -> m.getServicesList().stream())
                .map(s -> new TalosReplies.Service(s.getId(), s.getState(), s.getHealth().getHealthy(),
                        s.getHealth().getLastMessage()))
                .toList();
    }

    public void reboot() {
        call("Reboot", s -> s.reboot(RebootRequest.getDefaultInstance()));
    }

    /** Resets the node: {@code graceful} leaves etcd first (with its checks); then reboots or halts. */
    public void reset(boolean graceful, boolean reboot) {
        call("Reset", s -> s.reset(ResetRequest.newBuilder().setGraceful(graceful).setReboot(reboot).build()));
    }

    /** Installs {@code image} and reboots into it; returns the node's acknowledgement. */
    public String upgrade(String image, boolean preserve, boolean stage, boolean force) {
        var reply = call("Upgrade", s -> s.upgrade(UpgradeRequest.newBuilder().setImage(image)
                .setPreserve(preserve).setStage(stage).setForce(force).build()));
        return reply.getMessagesCount() == 0 ? "" : reply.getMessages(0).getAck();
    }

    @Override
    public void close() {
        if (!owner) {
            return;
        }
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private MachineServiceGrpc.MachineServiceBlockingStub stub() {
        reconnectIfFailed();
        var stub = MachineServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadline.toMillis(),
                TimeUnit.MILLISECONDS);
        if (node.isEmpty()) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(NODE, node);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private <T> T call(String method, Function<MachineServiceGrpc.MachineServiceBlockingStub, T> call) {
        try {
            return call.apply(stub());
        } catch (StatusRuntimeException e) {
            throw failed(e, method);
        }
    }

    /**
     * A channel that failed to connect answers every call with that failure until its back-off ends (growing to
     * two minutes): a node that has booted meanwhile would look down. So a call on a failed channel connects again
     * first (bounded by a second), and reports what that attempt found.
     */
    private void reconnectIfFailed() {
        if (channel.getState(false) != io.grpc.ConnectivityState.TRANSIENT_FAILURE) {
            return;
        }
        java.util.concurrent.CountDownLatch changed = new java.util.concurrent.CountDownLatch(1);
        channel.notifyWhenStateChanged(io.grpc.ConnectivityState.TRANSIENT_FAILURE, changed::countDown);
        channel.resetConnectBackoff();
        try {
            changed.await(Math.min(1000, deadline.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The exception for a failed call (the channel reconnects on the next call: {@link #reconnectIfFailed}). */
    private TalosApiException failed(StatusRuntimeException e, String method) {
        return TalosErrors.of(e, where(), method, maintenance, deadline);
    }

    private long stream(String method, Function<MachineServiceGrpc.MachineServiceBlockingStub, Iterator<Data>> call,
            OutputStream out) {
        long total = 0;
        try {
            Iterator<Data> chunks = call.apply(stub());
            while (chunks.hasNext()) {
                Data chunk = chunks.next();
                if (!chunk.getMetadata().getError().isEmpty()) {
                    throw new TalosApiException(TalosApiException.Kind.FAILED, "Talos API at " + where() + ": "
                            + method + ": " + chunk.getMetadata().getError(), null);
                }
                chunk.getBytes().writeTo(out);
                total += chunk.getBytes().size();
            }
            return total;
        } catch (StatusRuntimeException e) {
            throw failed(e, method);
        } catch (IOException e) {
            throw new UncheckedIOException("writing the " + method + " stream of " + where(), e);
        }
    }
}
