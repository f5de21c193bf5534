package net.sigsrv.infra.talos.secrets;

import java.time.Instant;

/**
 * Bundles made once per test JVM: an RSA 4096 key takes a while on a small machine, and every test class reads the
 * same ones.
 */
final class TestBundles {

    static final Instant NOW = Instant.parse("2026-12-08T05:00:00Z");

    private static SecretsBundle current;
    private static SecretsBundle v16;

    private TestBundles() {
    }

    /** A bundle for Talos v1.10.2 (RSA service-account key, secretbox), made at {@link #NOW}. */
    static synchronized SecretsBundle current() {
        if (current == null) {
            current = new SecretsGenerator().generate("v1.10.2", NOW);
        }
        return current;
    }

    /** A bundle for Talos v1.6.7 (ECDSA service-account key). */
    static synchronized SecretsBundle v16() {
        if (v16 == null) {
            v16 = new SecretsGenerator().generate("v1.6.7", NOW);
        }
        return v16;
    }
}
