package net.sigsrv.infra.talos.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Host;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Ipv4;

/**
 * Stand-in node values for {@code infra talos config} until the node plan decides them: nodes named
 * CLUSTER-GROUP-N (N from 1) in the order of the groups, the i-th of them (from 0) at the network's first host
 * address + 100 + i unless an address is given, placed round-robin over {@code topology.targets} (every host when
 * empty), installing to {@code /dev/sda} (an Incus VM's first disk).
 */
public final class NodeDefaults {

    public static final String INSTALL_DISK = "/dev/sda";
    public static final int FIRST_OFFSET = 100;

    private NodeDefaults() {
    }

    /** The nodes of {@code cluster}; {@code addresses} overrides the address of the nodes it names. */
    public static List<NodeInput> of(Spec spec, Cluster cluster, Map<String, String> addresses) {
        List<String> hosts = cluster.topology().targets().isEmpty()
                ? spec.hosts().stream().map(Host::name).toList() : cluster.topology().targets();
        long first = spec.networks().stream().filter(n -> n.name().equals(cluster.network())).findFirst()
                .map(Network::ipv4).flatMap(Ipv4::parseCidr).map(Ipv4.Cidr::firstHost)
                .orElseThrow(() -> new IllegalArgumentException("cluster " + cluster.name() + ": network "
                        + cluster.network() + " has no IPv4 network"));
        List<NodeInput> out = new ArrayList<>();
        int i = 0;
        for (NodeGroup g : cluster.nodeGroups()) {
            for (long n = 1; n <= g.count(); n++, i++) {
                String name = cluster.name() + "-" + g.name() + "-" + n;
                String address = addresses.getOrDefault(name, Ipv4.format(first + FIRST_OFFSET + i));
                out.add(new NodeInput(name, g.name(), address, INSTALL_DISK, hosts.get(i % hosts.size())));
            }
        }
        return out;
    }
}
