package net.sigsrv.infra.sim.talos;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * What a simulated node reads of a Talos machine configuration: the YAML documents, of which one is the
 * {@code v1alpha1} document, with the fields the node acts on. A configuration it cannot use is refused with the
 * reason (line and column for YAML errors), never with its content: configurations carry keys.
 *
 * @param type          {@code controlplane}, {@code init} or {@code worker}
 * @param hostname      {@code machine.network.hostname}, empty when the configuration leaves it to the node
 * @param osCaPem       {@code machine.ca.crt}: the OS CA the node's API certificate comes from, and trusts
 * @param osCaKeyPem    {@code machine.ca.key}, empty on workers (they get their certificate through trustd)
 * @param kubeCaPem     {@code cluster.ca.crt}: the Kubernetes CA
 * @param kubeCaKeyPem  {@code cluster.ca.key}, on control planes (the admin kubeconfig is signed with it)
 */
record SimMachineConfig(String type, String hostname, String clusterName, String endpoint, String osCaPem,
        String osCaKeyPem, String kubeCaPem, String kubeCaKeyPem) {

    private static final Set<String> TYPES = Set.of("controlplane", "init", "worker");

    boolean controlPlane() {
        return !type.equals("worker");
    }

    /** Parses and checks; an {@link IllegalArgumentException} says why the node refuses it. */
    static SimMachineConfig parse(byte[] data) {
        Iterable<Object> documents;
        Map<?, ?> v1alpha1 = null;
        try {
            documents = new Load(LoadSettings.builder().setLabel("machine configuration").build())
                    .loadAllFromString(new String(data, StandardCharsets.UTF_8));
            for (Object document : documents) {
                if (document instanceof Map<?, ?> map && "v1alpha1".equals(map.get("version"))) {
                    if (v1alpha1 != null) {
                        throw new IllegalArgumentException("config validation: more than one v1alpha1 document");
                    }
                    v1alpha1 = map;
                } else if (document != null && !(document instanceof Map<?, ?> map && map.containsKey("kind"))) {
                    throw new IllegalArgumentException("failed to parse config: a document that is neither the "
                            + "v1alpha1 configuration nor a document with a kind");
                }
            }
        } catch (MarkedYamlEngineException e) {
            String at = e.getProblemMark().map(SimMachineConfig::position).orElse("");
            throw new IllegalArgumentException("failed to parse config: not valid YAML" + at, e);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException("failed to parse config: not valid YAML", e);
        }
        if (v1alpha1 == null) {
            throw new IllegalArgumentException("config validation: no v1alpha1 machine configuration document");
        }
        Map<?, ?> machine = map(v1alpha1, "machine");
        String type = text(machine, "type", "machine.type");
        if (!TYPES.contains(type)) {
            throw new IllegalArgumentException("config validation: machine.type '" + type
                    + "' is not one of controlplane, init, worker");
        }
        Map<?, ?> cluster = map(v1alpha1, "cluster");
        Map<?, ?> osCa = map(machine, "ca");
        Map<?, ?> kubeCa = cluster.get("ca") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> network = machine.get("network") instanceof Map<?, ?> m ? m : Map.of();
        Map<?, ?> controlPlane = map(cluster, "controlPlane");
        String endpoint = text(controlPlane, "endpoint", "cluster.controlPlane.endpoint");
        if (!endpoint.startsWith("https://")) {
            throw new IllegalArgumentException("config validation: cluster.controlPlane.endpoint must be an "
                    + "https URL");
        }
        var config = new SimMachineConfig(type, optional(network, "hostname"),
                text(cluster, "clusterName", "cluster.clusterName"), endpoint,
                pem(text(osCa, "crt", "machine.ca.crt"), "machine.ca.crt"), pem(optional(osCa, "key"), "machine.ca.key"),
                pem(optional(kubeCa, "crt"), "cluster.ca.crt"), pem(optional(kubeCa, "key"), "cluster.ca.key"));
        if (config.controlPlane() && (config.osCaKeyPem.isEmpty() || config.kubeCaKeyPem.isEmpty())) {
            throw new IllegalArgumentException("config validation: a control plane needs machine.ca.key and "
                    + "cluster.ca.key");
        }
        return config;
    }

    private static String position(Mark mark) {
        return " (line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ")";
    }

    private static Map<?, ?> map(Map<?, ?> parent, String key) {
        if (parent.get(key) instanceof Map<?, ?> child) {
            return child;
        }
        throw new IllegalArgumentException("config validation: " + key + " is missing or not a mapping");
    }

    private static String text(Map<?, ?> parent, String key, String path) {
        String value = optional(parent, key);
        if (value.isEmpty()) {
            throw new IllegalArgumentException("config validation: " + path + " is required");
        }
        return value;
    }

    private static String optional(Map<?, ?> parent, String key) {
        Object value = parent.get(key);
        return value == null ? "" : value.toString();
    }

    /** Talos keeps PEM blocks base64-encoded in the YAML. */
    private static String pem(String base64, String path) {
        if (base64.isEmpty()) {
            return "";
        }
        try {
            String pem = new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.US_ASCII);
            if (!pem.contains("-----BEGIN ")) {
                throw new IllegalArgumentException("config validation: " + path + " is not a base64 PEM block");
            }
            return pem;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config validation: " + path + " is not a base64 PEM block", e);
        }
    }

    /** Names the type and cluster, never a key. */
    @Override
    public String toString() {
        return "SimMachineConfig[" + type + " of " + clusterName + "]";
    }
}
