package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Optional;

public record Instance(String name, String description, String project, String type, String image,
                       Optional<String> target, List<String> profiles, String state, boolean protect,
                       boolean privileged, Optional<String> reason, Settings settings, Loc loc) {
    public Instance {
        profiles = List.copyOf(profiles);
    }

    public boolean isVirtualMachine() {
        return type.equals("virtual-machine");
    }
}
