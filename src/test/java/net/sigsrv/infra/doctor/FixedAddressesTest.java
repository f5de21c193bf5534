package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Fixed probe addresses: free ones of the bridge's subnet, top down, never taken twice. */
class FixedAddressesTest {

    @Test
    void handsOutTheTopOfTheSubnetSkippingWhatInstancesHoldAndWhatWasGiven() {
        FixedAddresses a = new FixedAddresses(Map.of("br0", "10.20.0.1/24", "br1", "172.16.0.1/16"),
                Set.of("10.20.0.254"));
        assertThat(a.next("br0")).hasValue("10.20.0.253/24");
        assertThat(a.next("br0")).hasValue("10.20.0.252/24");
        assertThat(a.next("br1")).hasValue("172.16.255.254/16");
    }

    @Test
    void neverTheGatewayAndNothingWithoutASubnet() {
        FixedAddresses a = new FixedAddresses(Map.of("tiny", "10.0.0.2/30", "none", "none", "v6", ""), Set.of());
        assertThat(a.next("tiny")).hasValue("10.0.0.1/30");
        assertThat(a.next("tiny")).as("the /30 has two hosts, one the gateway").isEmpty();
        assertThat(a.next("none")).isEmpty();
        assertThat(a.next("v6")).isEmpty();
        assertThat(a.next("unknown")).isEmpty();
    }

    @Test
    void staysOutsideTheDhcpRangesAndTheReservations() {
        FixedAddresses a = new FixedAddresses(Map.of("br0", "10.20.0.1/24"),
                Map.of("br0", "10.20.0.100-10.20.0.254, 10.20.0.50-10.20.0.60"), Set.of("10.20.0.99"));
        assertThat(a.next("br0")).as("the top is DHCP's, .99 reserved").hasValue("10.20.0.98/24");
        assertThat(a.next("br0")).hasValue("10.20.0.97/24");
    }
}
