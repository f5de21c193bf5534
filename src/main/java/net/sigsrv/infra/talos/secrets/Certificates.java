package net.sigsrv.infra.talos.secrets;

import java.io.IOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.util.Properties;

/**
 * Reads a certificate as Go reads it. talosctl's aggregator CA has an empty subject and issuer (its CA template
 * carries organisations only and the aggregator CA is given none); Go and Kubernetes accept that, the JDK's
 * {@code CertificateFactory} refuses it outright and BouncyCastle refuses it unless
 * {@code org.bouncycastle.x509.allow_empty_issuer_cert} is set — set here for this thread and this call only.
 */
public final class Certificates {

    private static final String ALLOW_EMPTY_ISSUER = "org.bouncycastle.x509.allow_empty_issuer_cert";

    private Certificates() {
    }

    /** The certificate in {@code der}. */
    public static X509CertificateHolder parse(byte[] der) throws IOException {
        boolean was = Properties.isOverrideSet(ALLOW_EMPTY_ISSUER);
        Properties.setThreadOverride(ALLOW_EMPTY_ISSUER, true);
        try {
            return new X509CertificateHolder(der);
        } finally {
            if (!was) {
                Properties.removeThreadOverride(ALLOW_EMPTY_ISSUER);
            }
        }
    }
}
