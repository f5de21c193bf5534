package net.sigsrv.infra.incus.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a server when its leaf certificate is one of the pinned certificates (compared by SHA-256 fingerprint),
 * or, when nothing is pinned, when the JDK's CA store trusts it. Anything else is refused with the presented
 * certificate's fingerprint in the message, so the user can check and pin it; nothing is ever accepted silently.
 * With pins, no CA is trusted and none is named as an accepted issuer.
 */
public final class PinnedTrustManager implements X509TrustManager {

    private final Set<String> pinned;
    private final X509TrustManager system;

    public PinnedTrustManager(List<X509Certificate> pinnedCertificates) {
        this.pinned = pinnedCertificates.stream().map(Pem::fingerprint).collect(Collectors.toUnmodifiableSet());
        // the JDK's CA store takes tens of milliseconds to load: read only when it is the one that decides
        this.system = pinned.isEmpty() ? systemTrustManager() : null;
    }

    public boolean isPinned(X509Certificate cert) {
        return pinned.contains(Pem.fingerprint(cert));
    }

    public boolean hasPins() {
        return !pinned.isEmpty();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        if (isPinned(chain[0])) {
            return;
        }
        if (!hasPins()) {
            try {
                system.checkServerTrusted(chain, authType);
                return;
            } catch (CertificateException e) {
                // fall through to the refusal that names the fingerprint
            }
        }
        throw new UntrustedServerCertificate(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager only checks servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return system == null ? new X509Certificate[0] : system.getAcceptedIssuers();
    }

    private static X509TrustManager systemTrustManager() {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init((KeyStore) null);
            for (var tm : f.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's CA store", e);
        }
    }

    /** The refusal, carrying the certificate so callers can report its fingerprint and subject. */
    public static final class UntrustedServerCertificate extends CertificateException {
        private final transient X509Certificate certificate;

        UntrustedServerCertificate(X509Certificate certificate) {
            super("server certificate is not trusted (SHA-256 fingerprint " + Pem.fingerprint(certificate)
                    + ", subject " + certificate.getSubjectX500Principal().getName() + ")");
            this.certificate = certificate;
        }

        public X509Certificate certificate() {
            return certificate;
        }
    }
}
