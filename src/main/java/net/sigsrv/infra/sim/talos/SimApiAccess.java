package net.sigsrv.infra.sim.talos;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * apid's checks before a call reaches the MachineService: in maintenance mode only ApplyConfiguration and Version;
 * in configured mode the role in the client certificate's organisation ({@code os:admin} for everything,
 * {@code os:reader} for reads), then the {@code node} header, which routes the call to another node of the network.
 * The TLS layer has already demanded a client certificate from the OS CA.
 */
final class SimApiAccess implements ServerInterceptor {

    static final Metadata.Key<String> NODE = Metadata.Key.of("node", Metadata.ASCII_STRING_MARSHALLER);
    /** The node the call is for (the entry node unless the {@code node} header names another). */
    static final Context.Key<SimTalosNode> TARGET = Context.key("sim-talos-target");
    /** Whether a {@code node} header routed the call (replies then carry the node's hostname). */
    static final Context.Key<Boolean> ROUTED = Context.key("sim-talos-routed");

    private static final Set<String> MAINTENANCE_METHODS = Set.of("ApplyConfiguration", "Version");
    private static final Set<String> READER_METHODS = Set.of("Version", "ServiceList", "EtcdMemberList");

    private final SimTalosNode entry;
    private final boolean maintenance;

    SimApiAccess(SimTalosNode entry, boolean maintenance) {
        this.entry = entry;
        this.maintenance = maintenance;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getBareMethodName();
        if (maintenance) {
            if (!MAINTENANCE_METHODS.contains(method)) {
                return refuse(call, Status.UNIMPLEMENTED, method + " is not implemented in maintenance mode");
            }
            return Contexts.interceptCall(Context.current().withValues(TARGET, entry, ROUTED, false), call, headers,
                    next);
        }
        Set<String> roles = roles(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        if (!roles.contains("os:admin") && !(roles.contains("os:reader") && READER_METHODS.contains(method))) {
            return refuse(call, Status.PERMISSION_DENIED, "not authorized");
        }
        String node = headers.get(NODE);
        SimTalosNode target = entry;
        if (node != null && !node.equals(entry.address()) && !node.equals(entry.hostname())) {
            target = entry.network().node(node).orElse(null);
            if (target == null) {
                return refuse(call, Status.UNAVAILABLE, "connection error: no route to node " + node);
            }
            if (target.phase() != SimTalosNode.Phase.CONFIGURED) {
                return refuse(call, Status.UNAVAILABLE, "connection error: node " + node + " is not answering with "
                        + "the cluster's certificate (" + target.phase().name().toLowerCase(java.util.Locale.ROOT)
                        + ")");
            }
        }
        return Contexts.interceptCall(Context.current().withValues(TARGET, target, ROUTED, node != null), call,
                headers, next);
    }

    /** The roles of the client: the organisations of its certificate's subject. */
    private static Set<String> roles(SSLSession session) {
        if (session == null) {
            return Set.of();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
                return Set.of();
            }
            X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
            var roles = new java.util.TreeSet<String>();
            for (RDN rdn : subject.getRDNs(BCStyle.O)) {
                roles.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
            }
            return roles;
        } catch (SSLPeerUnverifiedException e) {
            return Set.of();
        }
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, String message) {
        call.close(status.withDescription(message), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
