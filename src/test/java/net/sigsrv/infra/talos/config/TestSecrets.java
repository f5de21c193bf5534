package net.sigsrv.infra.talos.config;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sigsrv.infra.talos.secrets.SecretsBundle;
import net.sigsrv.infra.talos.secrets.SecretsFile;
import net.sigsrv.infra.talos.secrets.SecretsGenerator;

/**
 * Fresh throwaway cluster secrets for tests, made by {@code talos.secrets}'s generator for Talos v1.6 (its ECDSA
 * service-account key is quick to make; the documents are the same for any key type). {@link #placeholders} maps
 * each value as it appears in a document to a stable name, so golden files hold no key material.
 */
final class TestSecrets {

    private TestSecrets() {
    }

    static SecretsBundle fresh() {
        return new SecretsGenerator().generate("v1.6.7", Instant.now());
    }

    /** Every secret value as a document carries it (base64 of PEM, or as is) → a placeholder. */
    static Map<String, String> placeholders(SecretsBundle s) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(BaseDocument.base64(s.os().crt()), "<os-ca-crt>");
        out.put(BaseDocument.base64(s.os().key()), "<os-ca-key>");
        out.put(BaseDocument.base64(s.etcd().crt()), "<etcd-ca-crt>");
        out.put(BaseDocument.base64(s.etcd().key()), "<etcd-ca-key>");
        out.put(BaseDocument.base64(s.k8s().crt()), "<k8s-ca-crt>");
        out.put(BaseDocument.base64(s.k8s().key()), "<k8s-ca-key>");
        out.put(BaseDocument.base64(s.k8sAggregator().crt()), "<aggregator-ca-crt>");
        out.put(BaseDocument.base64(s.k8sAggregator().key()), "<aggregator-ca-key>");
        out.put(BaseDocument.base64(s.k8sServiceAccountKey()), "<service-account-key>");
        out.put(s.trustdToken(), "<trustd-token>");
        out.put(s.bootstrapToken(), "<bootstrap-token>");
        out.put(s.clusterId(), "<cluster-id>");
        out.put(s.clusterSecret(), "<cluster-secret>");
        out.put(s.secretboxEncryptionSecret(), "<secretbox-key>");
        return out;
    }

    static String redacted(String yaml, SecretsBundle s) {
        String out = yaml;
        for (var e : placeholders(s).entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    /** The secrets in talosctl's secrets.yaml format. */
    static String talosctlFile(SecretsBundle s) {
        return SecretsFile.format(s);
    }
}
