package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A bridge carried across hosts on a VLAN. {@code gateway} is absent when the spec leaves it to the default (the
 * first host address of {@code ipv4}); {@code hosts} is empty when the bridge is on every host.
 */
public record Network(String name, String description, String purpose, OptionalLong vlan, Optional<String> iface,
                      String ipv4, Optional<String> gateway, Optional<String> zone, boolean nat, long mtu,
                      List<String> acls, List<String> hosts, Map<String, String> config, Loc loc) {
    public Network {
        acls = List.copyOf(acls);
        hosts = List.copyOf(hosts);
        config = Ordered.copy(config);
    }
}
