package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.Network;
import org.junit.jupiter.api.Test;

/** How {@code network-dhcp-dns} reads busybox's nslookup, which name it asks, and what it is caused by. */
class DhcpDnsCheckTest {

    @Test
    void anAnswerOrANegativeAnswerMeansTheServerIsThere() {
        assertThat(DhcpDnsCheck.answered(0, "Server:\t\t10.233.5.1\nAddress:\t10.233.5.1:53\n\nName:\t_gateway.lxd"
                + "\nAddress: 10.233.5.1")).isTrue();
        assertThat(DhcpDnsCheck.answered(1, "Server:\t\t10.233.5.1\n** server can't find x.lxd: NXDOMAIN")).isTrue();
    }

    @Test
    void aRefusalOrATimeoutMeansNoServer() {
        // what busybox printed on the lab, stdout then stderr, with the member's dnsmasq killed
        assertThat(DhcpDnsCheck.answered(1, ";; connection timed out; no servers could be reached\n\nnslookup: write"
                + " to '10.233.5.1': Connection refused")).isFalse();
        assertThat(DhcpDnsCheck.answered(1, ";; connection timed out; no servers could be reached")).isFalse();
    }

    @Test
    void theGatewaysOwnNameFollowsTheDnsDomain() {
        Network lxd = new Network("br0", "", "bridge", true, "Created", Map.of("ipv4.address", "10.0.0.1/24"),
                List.of(), List.of());
        Network named = new Network("br0", "", "bridge", true, "Created", Map.of("ipv4.address", "10.0.0.1/24",
                "dns.domain", "lab.example"), List.of(), List.of());
        assertThat(DhcpDnsCheck.gatewayName(lxd, false)).isEqualTo("_gateway.lxd");
        assertThat(DhcpDnsCheck.gatewayName(lxd, true)).isEqualTo("_gateway.incus");
        assertThat(DhcpDnsCheck.gatewayName(named, false)).isEqualTo("_gateway.lab.example");
        Network noDns = new Network("br0", "", "bridge", true, "Created", Map.of("ipv4.address", "10.0.0.1/24",
                "dns.mode", "none"), List.of(), List.of());
        Network noIpv4 = new Network("br0", "", "bridge", true, "Created", Map.of("ipv4.address", "none"),
                List.of(), List.of());
        assertThat(DhcpDnsCheck.applies(lxd)).isTrue();
        assertThat(DhcpDnsCheck.applies(noDns)).as("no DNS server to ask").isFalse();
        assertThat(DhcpDnsCheck.applies(noIpv4)).isFalse();
    }

    @Test
    void aDeadServerWhereTheBridgeIsGoneIsCausedByTheMissingBridge() {
        Finding gone = Finding.of(Check.BRIDGE_ATTACHED, "minisrv", "br0").network("br0").error("br0 is missing");
        Finding dns = Finding.of(Check.DHCP_DNS, "minisrv", "br0").network("br0").error("no DHCP/DNS server");
        Finding otherMember = Finding.of(Check.DHCP_DNS, "sigsrv", "br0").network("br0").error("no DHCP/DNS server");
        Report r = new Report(RootCauses.link(List.of(gone, dns, otherMember)), java.time.Duration.ZERO, 0);
        assertThat(r.find(dns.key()).orElseThrow().causedBy()).containsExactly(gone.key());
        assertThat(r.roots()).extracting(Finding::key).containsExactlyInAnyOrder(gone.key(), otherMember.key());
    }
}
