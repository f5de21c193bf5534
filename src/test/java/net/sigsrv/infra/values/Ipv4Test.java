package net.sigsrv.infra.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ipv4Test {

    @Test
    void parsesAddressesStrictly() {
        assertThat(Ipv4.parseAddress("172.20.0.1")).hasValue(0xAC140001L);
        assertThat(Ipv4.parseAddress("255.255.255.255")).hasValue(0xFFFFFFFFL);
        assertThat(Ipv4.parseAddress("256.0.0.1")).isEmpty();
        assertThat(Ipv4.parseAddress("172.20.0")).isEmpty();
        assertThat(Ipv4.parseAddress("172.020.0.1")).as("leading zeros are ambiguous (octal)").isEmpty();
        assertThat(Ipv4.parseAddress("a.b.c.d")).isEmpty();
    }

    @Test
    void cidrArithmetic() {
        Ipv4.Cidr net = Ipv4.parseCidr("172.20.0.0/16").orElseThrow();
        assertThat(net.isNetworkAddress()).isTrue();
        assertThat(Ipv4.format(net.firstHost())).isEqualTo("172.20.0.1");
        assertThat(Ipv4.format(net.broadcast())).isEqualTo("172.20.255.255");
        assertThat(net.contains(Ipv4.parseAddress("172.20.9.9").getAsLong())).isTrue();
        assertThat(net.contains(Ipv4.parseAddress("172.21.0.1").getAsLong())).isFalse();
        assertThat(Ipv4.parseCidr("172.20.0.1/16").orElseThrow().isNetworkAddress()).isFalse();
        assertThat(Ipv4.parseCidr("172.20.0.0/33")).isEmpty();
        assertThat(Ipv4.parseCidr("172.20.0.0")).isEmpty();
    }

    @Test
    void overlapIsSymmetricAndCoversContainment() {
        Ipv4.Cidr a = Ipv4.parseCidr("172.16.0.0/12").orElseThrow();
        Ipv4.Cidr b = Ipv4.parseCidr("172.20.0.0/16").orElseThrow();
        Ipv4.Cidr c = Ipv4.parseCidr("172.32.0.0/16").orElseThrow();
        assertThat(a.overlaps(b)).isTrue();
        assertThat(b.overlaps(a)).isTrue();
        assertThat(a.overlaps(c)).isFalse();
        assertThat(c.overlaps(a)).isFalse();
    }

    @Test
    void hostRangeOfABridgeAddress() {
        Ipv4.Cidr bridge = Ipv4.parseCidr("10.20.0.1/24").orElseThrow();
        assertThat(Ipv4.format(bridge.address())).as("the gateway, host bits kept").isEqualTo("10.20.0.1");
        assertThat(Ipv4.format(bridge.firstHost())).isEqualTo("10.20.0.1");
        assertThat(Ipv4.format(bridge.lastHost())).isEqualTo("10.20.0.254");
        Ipv4.Cidr pair = Ipv4.parseCidr("10.0.0.0/31").orElseThrow();
        assertThat(Ipv4.format(pair.lastHost())).isEqualTo("10.0.0.1");
        assertThat(Ipv4.parseCidr("0.0.0.0/0").orElseThrow().lastHost()).isEqualTo(0xFFFF_FFFEL);
    }
}
