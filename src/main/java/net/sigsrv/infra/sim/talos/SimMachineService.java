package net.sigsrv.infra.sim.talos;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import net.sigsrv.infra.talos.proto.common.Data;
import net.sigsrv.infra.talos.proto.common.Metadata;
import net.sigsrv.infra.talos.proto.machine.ApplyConfiguration;
import net.sigsrv.infra.talos.proto.machine.ApplyConfigurationRequest;
import net.sigsrv.infra.talos.proto.machine.ApplyConfigurationResponse;
import net.sigsrv.infra.talos.proto.machine.Bootstrap;
import net.sigsrv.infra.talos.proto.machine.BootstrapRequest;
import net.sigsrv.infra.talos.proto.machine.BootstrapResponse;
import net.sigsrv.infra.talos.proto.machine.EtcdLeaveCluster;
import net.sigsrv.infra.talos.proto.machine.EtcdLeaveClusterRequest;
import net.sigsrv.infra.talos.proto.machine.EtcdLeaveClusterResponse;
import net.sigsrv.infra.talos.proto.machine.EtcdMember;
import net.sigsrv.infra.talos.proto.machine.EtcdMemberListRequest;
import net.sigsrv.infra.talos.proto.machine.EtcdMemberListResponse;
import net.sigsrv.infra.talos.proto.machine.EtcdMembers;
import net.sigsrv.infra.talos.proto.machine.EtcdRemoveMemberByID;
import net.sigsrv.infra.talos.proto.machine.EtcdRemoveMemberByIDRequest;
import net.sigsrv.infra.talos.proto.machine.EtcdRemoveMemberByIDResponse;
import net.sigsrv.infra.talos.proto.machine.EtcdSnapshotRequest;
import net.sigsrv.infra.talos.proto.machine.FeaturesInfo;
import net.sigsrv.infra.talos.proto.machine.MachineServiceGrpc;
import net.sigsrv.infra.talos.proto.machine.PlatformInfo;
import net.sigsrv.infra.talos.proto.machine.Reboot;
import net.sigsrv.infra.talos.proto.machine.RebootRequest;
import net.sigsrv.infra.talos.proto.machine.RebootResponse;
import net.sigsrv.infra.talos.proto.machine.Reset;
import net.sigsrv.infra.talos.proto.machine.ResetRequest;
import net.sigsrv.infra.talos.proto.machine.ResetResponse;
import net.sigsrv.infra.talos.proto.machine.ServiceHealth;
import net.sigsrv.infra.talos.proto.machine.ServiceInfo;
import net.sigsrv.infra.talos.proto.machine.ServiceList;
import net.sigsrv.infra.talos.proto.machine.ServiceListResponse;
import net.sigsrv.infra.talos.proto.machine.Upgrade;
import net.sigsrv.infra.talos.proto.machine.UpgradeRequest;
import net.sigsrv.infra.talos.proto.machine.UpgradeResponse;
import net.sigsrv.infra.talos.proto.machine.Version;
import net.sigsrv.infra.talos.proto.machine.VersionInfo;
import net.sigsrv.infra.talos.proto.machine.VersionResponse;

/**
 * The MachineService methods of a simulated node. {@link SimApiAccess} has decided which node the call is for
 * ({@link SimApiAccess#TARGET}) and that the caller may make it; the node's state and the cluster's etcd decide
 * the answer. Refusals carry Talos's status codes: InvalidArgument for a configuration it will not take,
 * AlreadyExists for a second Bootstrap, FailedPrecondition for what the node cannot do in its role or state.
 */
final class SimMachineService extends MachineServiceGrpc.MachineServiceImplBase {

    /** Chunk size of the byte streams: small, so that clients must reassemble. */
    static final int CHUNK = 512;

    SimMachineService(SimTalosNode entry) {
        // the entry node reaches the service through SimApiAccess's context; nothing to keep here
    }

    @Override
    public void version(Empty request, StreamObserver<VersionResponse> out) {
        unary(out, () -> {
            SimTalosNode node = target();
            return VersionResponse.newBuilder().addMessages(Version.newBuilder().setMetadata(metadata(node))
                    .setVersion(VersionInfo.newBuilder().setTag(node.version()).setSha("simulated")
                            .setOs("linux").setArch("amd64").setGoVersion("simulated"))
                    .setPlatform(PlatformInfo.newBuilder().setName("metal").setMode("metal"))
                    .setFeatures(FeaturesInfo.newBuilder().setRbac(true))).build();
        });
    }

    @Override
    public void applyConfiguration(ApplyConfigurationRequest request, StreamObserver<ApplyConfigurationResponse> out) {
        unary(out, () -> {
            SimTalosNode node = target();
            SimMachineConfig config;
            try {
                config = SimMachineConfig.parse(request.getData().toByteArray());
            } catch (IllegalArgumentException e) {
                throw SimTalosNode.refuse(Status.INVALID_ARGUMENT, e.getMessage());
            }
            if (!config.clusterName().equals(node.cluster())) {
                throw SimTalosNode.refuse(Status.INVALID_ARGUMENT, "the configuration is for cluster "
                        + config.clusterName() + "; this node belongs to cluster " + node.cluster());
            }
            SimMachineConfig current = node.config();
            ApplyConfigurationRequest.Mode mode;
            String details;
            if (current == null) {
                mode = ApplyConfigurationRequest.Mode.REBOOT;
                details = request.getDryRun() ? "Dry run: the node would install and reboot"
                        : "Applied configuration with a reboot: installing";
                if (!request.getDryRun()) {
                    node.install(config);
                }
            } else {
                if (!config.osCaPem().equals(current.osCaPem())) {
                    throw SimTalosNode.refuse(Status.INVALID_ARGUMENT, "machine.ca differs from the running "
                            + "configuration: the configuration was made from other secrets");
                }
                if (!config.type().equals(current.type())) {
                    throw SimTalosNode.refuse(Status.INVALID_ARGUMENT, "machine type can't be changed from "
                            + current.type() + " to " + config.type());
                }
                mode = switch (request.getMode()) {
                    case REBOOT, STAGED -> request.getMode();
                    default -> ApplyConfigurationRequest.Mode.NO_REBOOT;
                };
                details = switch (mode) {
                    case REBOOT -> "Applied configuration with a reboot";
                    case STAGED -> "Staged configuration to be applied after a reboot";
                    default -> "Applied configuration without a reboot";
                };
                if (request.getDryRun()) {
                    details = "Dry run: " + details.toLowerCase(java.util.Locale.ROOT);
                } else {
                    switch (mode) {
                        case REBOOT -> {
                            node.stage(config);
                            node.rebootLater(null);
                        }
                        case STAGED -> node.stage(config);
                        default -> node.replace(config);
                    }
                }
            }
            return ApplyConfigurationResponse.newBuilder().addMessages(ApplyConfiguration.newBuilder()
                    .setMetadata(metadata(node)).setMode(mode).setModeDetails(details)).build();
        });
    }

    @Override
    public void bootstrap(BootstrapRequest request, StreamObserver<BootstrapResponse> out) {
        unary(out, () -> {
            SimTalosNode node = controlPlane(target(), "bootstrap");
            SimTalosNetwork.Etcd etcd = node.network().etcd(node.cluster());
            synchronized (etcd) {
                if (etcd.bootstrapped) {
                    throw SimTalosNode.refuse(Status.ALREADY_EXISTS, "etcd data directory is not empty");
                }
                etcd.bootstrapped = true;
                node.joinEtcd(etcd);
                // the other control planes that wait for etcd join it now
                for (SimTalosNode other : node.network().nodes(node.cluster())) {
                    if (other.phase() == SimTalosNode.Phase.CONFIGURED && other.config() != null
                            && other.config().controlPlane()) {
                        other.joinEtcd(etcd);
                    }
                }
            }
            return BootstrapResponse.newBuilder().addMessages(Bootstrap.newBuilder().setMetadata(metadata(node)))
                    .build();
        });
    }

    @Override
    public void etcdMemberList(EtcdMemberListRequest request, StreamObserver<EtcdMemberListResponse> out) {
        unary(out, () -> {
            SimTalosNode node = member(target());
            SimTalosNetwork.Etcd etcd = node.network().etcd(node.cluster());
            EtcdMembers.Builder members = EtcdMembers.newBuilder().setMetadata(metadata(node));
            synchronized (etcd) {
                for (SimTalosNetwork.Member m : etcd.members.values()) {
                    members.addLegacyMembers(m.hostname()).addMembers(EtcdMember.newBuilder().setId(m.id())
                            .setHostname(m.hostname()).addPeerUrls("https://" + m.address() + ":2380")
                            .addClientUrls("https://" + m.address() + ":2379"));
                }
            }
            return EtcdMemberListResponse.newBuilder().addMessages(members).build();
        });
    }

    @Override
    public void etcdRemoveMemberByID(EtcdRemoveMemberByIDRequest request,
            StreamObserver<EtcdRemoveMemberByIDResponse> out) {
        unary(out, () -> {
            SimTalosNode node = member(target());
            SimTalosNetwork.Etcd etcd = node.network().etcd(node.cluster());
            synchronized (etcd) {
                if (etcd.members.remove(request.getMemberId()) == null) {
                    throw SimTalosNode.refuse(Status.NOT_FOUND, "etcd member " + Long.toHexString(
                            request.getMemberId()) + " not found");
                }
            }
            return EtcdRemoveMemberByIDResponse.newBuilder().addMessages(EtcdRemoveMemberByID.newBuilder()
                    .setMetadata(metadata(node))).build();
        });
    }

    @Override
    public void etcdLeaveCluster(EtcdLeaveClusterRequest request, StreamObserver<EtcdLeaveClusterResponse> out) {
        unary(out, () -> {
            SimTalosNode node = member(target());
            node.leaveEtcd();
            return EtcdLeaveClusterResponse.newBuilder().addMessages(EtcdLeaveCluster.newBuilder()
                    .setMetadata(metadata(node))).build();
        });
    }

    @Override
    public void etcdSnapshot(EtcdSnapshotRequest request, StreamObserver<Data> out) {
        stream(out, () -> {
            SimTalosNode node = member(target());
            StringBuilder snapshot = new StringBuilder("simulated etcd snapshot of cluster " + node.cluster() + "\n");
            SimTalosNetwork.Etcd etcd = node.network().etcd(node.cluster());
            synchronized (etcd) {
                etcd.members.values().forEach(m -> snapshot.append("member ").append(m.hostname()).append('\n'));
            }
            return snapshot.toString().getBytes(StandardCharsets.UTF_8);
        });
    }

    @Override
    public void kubeconfig(Empty request, StreamObserver<Data> out) {
        stream(out, () -> SimKubeconfig.of(controlPlane(target(), "kubeconfig").config()));
    }

    @Override
    public void serviceList(Empty request, StreamObserver<ServiceListResponse> out) {
        unary(out, () -> {
            SimTalosNode node = target();
            SimMachineConfig config = node.config();
            ServiceList.Builder list = ServiceList.newBuilder().setMetadata(metadata(node));
            boolean member;
            SimTalosNetwork.Etcd etcd = node.network().etcd(node.cluster());
            synchronized (etcd) {
                member = etcd.members.containsKey(node.memberId());
            }
            for (String id : config.controlPlane()
                    ? new String[] {"apid", "containerd", "cri", "etcd", "kubelet", "machined", "trustd"}
                    : new String[] {"apid", "containerd", "cri", "kubelet", "machined"}) {
                boolean waiting = id.equals("etcd") && !member;
                list.addServices(ServiceInfo.newBuilder().setId(id).setState(waiting ? "Preparing" : "Running")
                        .setHealth(ServiceHealth.newBuilder().setHealthy(!waiting)
                                .setLastMessage(waiting ? "waiting for etcd to be bootstrapped" : "")));
            }
            return ServiceListResponse.newBuilder().addMessages(list).build();
        });
    }

    @Override
    public void reboot(RebootRequest request, StreamObserver<RebootResponse> out) {
        unary(out, () -> {
            SimTalosNode node = target();
            node.rebootLater(null);
            return RebootResponse.newBuilder().addMessages(Reboot.newBuilder().setMetadata(metadata(node))).build();
        });
    }

    @Override
    public void reset(ResetRequest request, StreamObserver<ResetResponse> out) {
        unary(out, () -> {
            SimTalosNode node = target();
            if (request.getGraceful() && node.config().controlPlane()) {
                SimTalosNetwork.Etcd etcd = node.network().etcd(node.cluster());
                synchronized (etcd) {
                    if (etcd.members.size() == 1 && etcd.members.containsKey(node.memberId())) {
                        throw SimTalosNode.refuse(Status.FAILED_PRECONDITION, "etcd: the last member cannot "
                                + "leave the cluster (a graceful reset would lose etcd)");
                    }
                }
                node.leaveEtcd();
            }
            node.wipeLater(request.getReboot());
            return ResetResponse.newBuilder().addMessages(Reset.newBuilder().setMetadata(metadata(node))).build();
        });
    }

    @Override
    public void upgrade(UpgradeRequest request, StreamObserver<UpgradeResponse> out) {
        unary(out, () -> {
            SimTalosNode node = target();
            String image = request.getImage();
            int colon = image.lastIndexOf(':');
            if (colon < 0 || colon == image.length() - 1 || image.lastIndexOf('/') > colon) {
                throw SimTalosNode.refuse(Status.INVALID_ARGUMENT, "installer image " + image + " has no tag");
            }
            node.rebootLater(image.substring(colon + 1));
            return UpgradeResponse.newBuilder().addMessages(Upgrade.newBuilder().setMetadata(metadata(node))
                    .setAck("Upgrade request received")).build();
        });
    }

    private static SimTalosNode target() {
        return SimApiAccess.TARGET.get();
    }

    /** The hostname of the node that answered, filled when a {@code node} header routed the call (as apid does). */
    private static Metadata metadata(SimTalosNode node) {
        return Boolean.TRUE.equals(SimApiAccess.ROUTED.get()) ? Metadata.newBuilder().setHostname(node.hostname())
                .build() : Metadata.getDefaultInstance();
    }

    private static SimTalosNode controlPlane(SimTalosNode node, String what) {
        if (!node.config().controlPlane()) {
            throw SimTalosNode.refuse(Status.FAILED_PRECONDITION, what + " is only available on control plane "
                    + "nodes");
        }
        return node;
    }

    private static SimTalosNode member(SimTalosNode node) {
        controlPlane(node, "etcd");
        SimTalosNetwork.Etcd etcd = node.network().etcd(node.cluster());
        synchronized (etcd) {
            if (!etcd.members.containsKey(node.memberId())) {
                throw SimTalosNode.refuse(Status.FAILED_PRECONDITION, etcd.bootstrapped
                        ? "etcd is not running on this node (not a member)"
                        : "etcd is not running: the cluster is not bootstrapped yet");
            }
        }
        return node;
    }

    private static <T> void unary(StreamObserver<T> out, Supplier<T> answer) {
        T reply;
        try {
            reply = answer.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            out.onError(SimTalosNode.refuse(Status.INTERNAL, "simulated node failed: " + e.getMessage()));
            return;
        }
        out.onNext(reply);
        out.onCompleted();
    }

    private static void stream(StreamObserver<Data> out, Supplier<byte[]> content) {
        byte[] bytes;
        try {
            bytes = content.get();
        } catch (StatusRuntimeException e) {
            out.onError(e);
            return;
        } catch (RuntimeException e) {
            out.onError(SimTalosNode.refuse(Status.INTERNAL, "simulated node failed: " + e.getMessage()));
            return;
        }
        for (int at = 0; at < bytes.length; at += CHUNK) {
            out.onNext(Data.newBuilder().setBytes(ByteString.copyFrom(bytes, at, Math.min(CHUNK, bytes.length - at)))
                    .build());
        }
        out.onCompleted();
    }
}
