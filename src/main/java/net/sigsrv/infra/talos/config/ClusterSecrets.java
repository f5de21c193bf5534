package net.sigsrv.infra.talos.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The cluster-wide secrets a machine config carries, as {@code talosctl gen secrets} makes them: CA certificates
 * and private keys as PEM text, tokens and the cluster's identity. Never printed: {@link #toString} names no value.
 *
 * @param osCaCert               Talos API CA certificate (Ed25519)
 * @param osCaKey                its private key
 * @param etcdCaCert             etcd CA certificate
 * @param etcdCaKey              its private key
 * @param kubernetesCaCert       Kubernetes CA certificate
 * @param kubernetesCaKey        its private key
 * @param aggregatorCaCert       front-proxy (aggregator) CA certificate
 * @param aggregatorCaKey        its private key
 * @param serviceAccountKey      service-account signing key
 * @param trustdToken            machine token, {@code [a-z0-9]{6}.[a-z0-9]{16}}
 * @param bootstrapToken         Kubernetes bootstrap token, same form
 * @param clusterId              cluster id (base64)
 * @param clusterSecret          cluster secret (base64)
 * @param secretboxKey           secretbox encryption secret (base64 of 32 bytes)
 */
public record ClusterSecrets(String osCaCert, String osCaKey, String etcdCaCert, String etcdCaKey,
                             String kubernetesCaCert, String kubernetesCaKey, String aggregatorCaCert,
                             String aggregatorCaKey, String serviceAccountKey, String trustdToken,
                             String bootstrapToken, String clusterId, String clusterSecret, String secretboxKey) {

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");
    private static final Pattern PEM = Pattern.compile("(?s)\\s*-----BEGIN [A-Z0-9 ]+-----\\R.*-----END [A-Z0-9 ]+-----\\s*");

    public ClusterSecrets {
        Map<String, String> pems = new LinkedHashMap<>();
        pems.put("OS CA certificate", osCaCert);
        pems.put("OS CA key", osCaKey);
        pems.put("etcd CA certificate", etcdCaCert);
        pems.put("etcd CA key", etcdCaKey);
        pems.put("Kubernetes CA certificate", kubernetesCaCert);
        pems.put("Kubernetes CA key", kubernetesCaKey);
        pems.put("aggregator CA certificate", aggregatorCaCert);
        pems.put("aggregator CA key", aggregatorCaKey);
        pems.put("service-account key", serviceAccountKey);
        pems.forEach((what, pem) -> {
            if (pem == null || !PEM.matcher(pem).matches()) {
                throw new IllegalArgumentException("cluster secrets: the " + what + " is not PEM text");
            }
        });
        token("trustd token", trustdToken);
        token("bootstrap token", bootstrapToken);
        for (var e : Map.of("cluster id", clusterId == null ? "" : clusterId, "cluster secret",
                clusterSecret == null ? "" : clusterSecret, "secretbox key",
                secretboxKey == null ? "" : secretboxKey).entrySet()) {
            if (e.getValue().isBlank()) {
                throw new IllegalArgumentException("cluster secrets: the " + e.getKey() + " is empty");
            }
        }
    }

    private static void token(String what, String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("cluster secrets: the " + what
                    + " is not 6 and 16 lower-case letters or digits joined by a dot");
        }
    }

    @Override
    public String toString() {
        return "ClusterSecrets[values not shown]";
    }
}
