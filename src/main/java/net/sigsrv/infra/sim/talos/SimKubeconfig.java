package net.sigsrv.infra.sim.talos;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.sigsrv.infra.talos.api.TalosPem;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * The admin kubeconfig a control plane hands out (Talos's Kubeconfig call): the cluster's endpoint and Kubernetes
 * CA from the machine configuration, and a fresh client certificate signed by that CA for
 * {@code CN=admin, O=system:masters}, as Talos makes one per call.
 */
final class SimKubeconfig {

    private SimKubeconfig() {
    }

    static byte[] of(SimMachineConfig config) {
        var ca = new SimPki.Issued(TalosPem.certificates(config.kubeCaPem(), "cluster.ca.crt").get(0),
                TalosPem.privateKey(config.kubeCaKeyPem(), "cluster.ca.key"));
        var client = SimPki.issue(ca, "O=system:masters,CN=admin", SimPki.ecdsaP256(), List.of(),
                KeyPurposeId.id_kp_clientAuth);
        String name = config.clusterName();
        String user = "admin@" + name;
        String yaml = "apiVersion: v1\n"
                + "kind: Config\n"
                + "clusters:\n"
                + "  - name: " + name + "\n"
                + "    cluster:\n"
                + "      server: " + config.endpoint() + "\n"
                + "      certificate-authority-data: " + base64(config.kubeCaPem()) + "\n"
                + "users:\n"
                + "  - name: " + user + "\n"
                + "    user:\n"
                + "      client-certificate-data: " + base64(SimPki.pem(client.certificate())) + "\n"
                + "      client-key-data: " + base64(SimPki.pem(client.key())) + "\n"
                + "contexts:\n"
                + "  - context:\n"
                + "      cluster: " + name + "\n"
                + "      namespace: default\n"
                + "      user: " + user + "\n"
                + "    name: " + user + "\n"
                + "current-context: " + user + "\n";
        return yaml.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }
}
