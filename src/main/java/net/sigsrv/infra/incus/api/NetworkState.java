package net.sigsrv.infra.incus.api;

import java.util.List;

/**
 * {@code GET /1.0/networks/NAME/state?target=MEMBER}: works for managed bridges and plain host interfaces alike.
 * {@code bridge} is present for bridges (which interfaces are attached), {@code vlan} for VLAN interfaces. The same
 * record is an instance's NIC in {@code GET /1.0/instances/NAME/state}, where {@code host_name} is the host side of
 * its veth (the port in the bridge; null elsewhere).
 */
public record NetworkState(List<Address> addresses, String hwaddr, long mtu, String state, String type,
                           Bridge bridge, Vlan vlan, String hostName) {
    public NetworkState {
        addresses = Nulls.list(addresses);
    }

    public record Address(String family, String address, String netmask, String scope) {
    }

    public record Bridge(String id, boolean stp, long forwardDelay, long vlanDefault, boolean vlanFiltering,
                         List<String> upperDevices) {
        public Bridge {
            upperDevices = Nulls.list(upperDevices);
        }
    }

    public record Vlan(String lowerDevice, long vid) {
    }

    /** Addresses with global scope: what must not be on an interface that is bridged. */
    public List<Address> globalAddresses() {
        return addresses.stream().filter(a -> "global".equals(a.scope())).toList();
    }
}
