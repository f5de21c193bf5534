package net.sigsrv.infra.talos.secrets;

import java.util.Objects;

/**
 * The machine secrets of one Talos cluster, the fields of talosctl's {@code secrets.yaml}: certificates and keys as
 * PEM text (not base64: {@link SecretsFile} adds and removes that layer). Exactly one of
 * {@code secretboxEncryptionSecret} (Talos after 1.2) and {@code aescbcEncryptionSecret} (1.2 and before) is set;
 * the other is empty, as talosctl omits it. No field is null.
 *
 * <p>{@link #toString()} names no value: a bundle passed to a log or a message by mistake shows nothing secret.
 */
public record SecretsBundle(String clusterId, String clusterSecret, String bootstrapToken,
                            String secretboxEncryptionSecret, String aescbcEncryptionSecret, String trustdToken,
                            CertAndKey etcd, CertAndKey k8s, CertAndKey k8sAggregator, String k8sServiceAccountKey,
                            CertAndKey os) {

    public SecretsBundle {
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(clusterSecret, "clusterSecret");
        Objects.requireNonNull(bootstrapToken, "bootstrapToken");
        Objects.requireNonNull(secretboxEncryptionSecret, "secretboxEncryptionSecret");
        Objects.requireNonNull(aescbcEncryptionSecret, "aescbcEncryptionSecret");
        Objects.requireNonNull(trustdToken, "trustdToken");
        Objects.requireNonNull(etcd, "etcd");
        Objects.requireNonNull(k8s, "k8s");
        Objects.requireNonNull(k8sAggregator, "k8sAggregator");
        Objects.requireNonNull(k8sServiceAccountKey, "k8sServiceAccountKey");
        Objects.requireNonNull(os, "os");
    }

    /** A CA certificate ({@code CERTIFICATE} PEM) and its private key (PEM, label as Talos writes it). */
    public record CertAndKey(String crt, String key) {
        public CertAndKey {
            Objects.requireNonNull(crt, "crt");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "CertAndKey[values hidden]";
        }
    }

    @Override
    public String toString() {
        return "SecretsBundle[values hidden]";
    }
}
