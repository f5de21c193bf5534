package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkLease;
import org.junit.jupiter.api.Test;

/**
 * {@code network-dhcp-leases} on lease lists shaped as LXD 5.0.2 returns them for a bridge two members carry (seen
 * on the lab: each member's dnsmasq records the leases the other gave, the second copy with hostname "*").
 */
class LeaseConflictsTest {

    private static final Network BRIDGE = new Network("br0", "", "bridge", true, "Created",
            Map.of("ipv4.address", "10.233.5.1/24"), List.of("sigsrv", "minisrv"), List.of());

    private static NetworkLease lease(String host, String mac, String address, String type, String location) {
        return new NetworkLease(host, mac, address, type, location, null);
    }

    @Test
    void theSameLeaseSeenByBothMembersIsNoConflict() {
        List<Finding> f = LeaseConflicts.check(BRIDGE, List.of(
                lease("br0.gw", "", "10.233.5.1", "gateway", ""),
                lease("*", "00:16:3e:86:04:e0", "10.233.5.218", "dynamic", "sigsrv"),
                lease("c1", "00:16:3e:47:71:31", "10.233.5.122", "dynamic", "sigsrv"),
                lease("c2", "00:16:3e:86:04:e0", "10.233.5.218", "dynamic", "minisrv"),
                lease("*", "00:16:3e:47:71:31", "10.233.5.122", "dynamic", "minisrv")));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.OK);
            assertThat(x.summary()).isEqualTo("no address of br0 is leased to two NICs");
        });
    }

    @Test
    void anAddressTwoMembersLeasedToTwoNicsIsAnErrorNamingBoth() {
        List<Finding> f = LeaseConflicts.check(BRIDGE, List.of(
                lease("c1", "00:16:3e:47:71:31", "10.233.5.37", "dynamic", "sigsrv"),
                lease("c2", "00:16:3e:86:04:e0", "10.233.5.37", "dynamic", "minisrv"),
                lease("*", "00:16:3e:86:04:e0", "10.233.5.218", "dynamic", "sigsrv")));
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.key()).isEqualTo("network-dhcp-leases@/br0/10.233.5.37");
            assertThat(x.summary()).isEqualTo("10.233.5.37 on br0 is leased to c1 (00:16:3e:47:71:31) by sigsrv and"
                    + " to c2 (00:16:3e:86:04:e0) by minisrv: one member's DHCP refuses a client on the strength of"
                    + " another's lease");
            assertThat(x.remedy().text()).contains("`ipv4.address`", "outside `ipv4.dhcp.ranges`",
                    "`ipv4.dhcp.ranges` is one value for all members");
        });
    }
}
