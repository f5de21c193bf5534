package net.sigsrv.infra.talos.api;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The client side of Talos's TLS rules, as Netty contexts. The JDK's TLS provider is chosen on purpose: it speaks
 * TLS 1.3 with Ed25519 certificates (Talos's OS CA and talosconfig) on every platform, without the native library.
 */
final class TalosTls {

    private TalosTls() {
    }

    static SslContext client(TalosCredentials credentials) {
        try {
            SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK);
            switch (credentials) {
                case TalosCredentials.Maintenance m -> builder.trustManager(new TrustAnyNode());
                case TalosCredentials.Admin admin -> builder
                        .trustManager(admin.osCa().toArray(X509Certificate[]::new))
                        .keyManager(new SingleKeyManager(admin.key(), List.of(admin.certificate())));
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalArgumentException("cannot set up TLS for the Talos API: " + e.getMessage(), e);
        }
    }

    /**
     * Maintenance mode: the node's certificate is self-signed at boot, so nothing can be checked (talosctl's
     * {@code --insecure}). Extended, so that the JDK adds no host-name check of its own either.
     */
    private static final class TrustAnyNode extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("a client trust manager only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("a client trust manager only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("a client trust manager only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
