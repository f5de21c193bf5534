package net.sigsrv.infra.talos.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything config generation takes besides the spec: the cluster's secrets and its nodes. The Talos layer builds
 * it from the cluster's secrets bundle and node plan; {@code infra talos config} from a secrets file and
 * {@code --node} options.
 *
 * @param nodes every node of the cluster, not only those whose documents are wanted: a control plane's document
 *              names every control-plane address in the API server's certificate SANs
 */
public record ConfigInputs(ClusterSecrets secrets, List<NodeInput> nodes) {

    public ConfigInputs {
        nodes = List.copyOf(nodes);
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (NodeInput n : nodes) {
            if (!names.add(n.name())) {
                throw new IllegalArgumentException("node " + n.name() + " is given twice");
            }
            if (!addresses.add(n.address())) {
                throw new IllegalArgumentException("node " + n.name() + ": address " + n.address()
                        + " is another node's too");
            }
        }
    }

    @Override
    public String toString() {
        return "ConfigInputs[" + nodes.size() + " nodes, secrets not shown]";
    }
}
