package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

public record NodeGroup(String name, String role, long count, long cpu, long memory, Optional<RootDisk> root,
                        List<NodeDisk> disks, Map<String, String> labels, List<String> taints, List<Patch> patches,
                        Loc loc) {
    public NodeGroup {
        patches = List.copyOf(patches);
        disks = List.copyOf(disks);
        labels = Ordered.copy(labels);
        taints = List.copyOf(taints);
    }

    public boolean isControlPlane() {
        return role.equals("controlplane");
    }
}
