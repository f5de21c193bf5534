package net.sigsrv.infra.spec.validate;

import java.util.HashMap;
import java.util.Map;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Spec;

/**
 * {@code cluster-node-name}: a cluster's node VMs are Incus instances of its project named CLUSTER-GROUP-N
 * ({@link Footprint#nodeName}), so no instance of that project, and no node of another cluster there, may have one
 * of those names: the two would be one Incus instance, and the plan would change or replace one for the other.
 */
final class NodeNameRules implements SpecValidator.Rules {

    /** A node VM: its cluster and group. */
    private record Node(Cluster cluster, NodeGroup group) {
    }

    @Override
    public void check(Spec spec, Report report) {
        Map<String, Node> nodes = new HashMap<>();
        for (Cluster c : spec.clusters()) {
            for (NodeGroup g : c.nodeGroups()) {
                boolean reported = false;
                for (long n = 1; n <= g.count(); n++) {
                    String name = Footprint.nodeName(c, g, n);
                    Node earlier = nodes.putIfAbsent(c.project() + "/" + name, new Node(c, g));
                    if (earlier != null && earlier.cluster() != c && !reported) {
                        reported = true;
                        report.error("cluster-node-name", "cluster " + c.name(), g.loc().of("name"), "cluster "
                                + c.name() + ": node VM " + name + " of group " + g.name() + " has the name of a"
                                + " node VM of cluster " + earlier.cluster().name() + " (group "
                                + earlier.group().name() + ") in project " + c.project(), "Both clusters would"
                                + " use the same Incus instance. Rename one cluster or node group.");
                    }
                }
            }
        }
        for (Instance i : spec.instances()) {
            Node node = nodes.get(i.project() + "/" + i.name());
            if (node != null) {
                report.error("cluster-node-name", "instance " + i.name(), i.loc().of("name"), "instance " + i.name()
                        + " has the name of a node VM of cluster " + node.cluster().name() + " (group "
                        + node.group().name() + ") in project " + i.project(), "Cluster " + node.cluster().name()
                        + " names its node VMs CLUSTER-GROUP-N, from " + Footprint.nodeName(node.cluster(),
                        node.group(), 1) + "; the instance and the node would be one Incus instance. Rename the"
                        + " instance.");
            }
        }
    }
}
