package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MTU findings: how they are linked to each other and to the full-size ping, and the MTU value's check. */
class SegmentMtuTest {

    private static Finding segment(String host, String iface) {
        return Finding.of(Check.SEGMENT_MTU, host, iface).network("userbr0").remedy(Remedy.run("mtu",
                HostCommand.of(host, "ip", "link", "set", "dev", iface, "mtu", "1500"))).error(iface + " has 1400");
    }

    @Test
    void anInterfaceThatDiffersFromItsBridgeIsCausedByTheSegmentFindingAboutIt() {
        Finding seg = segment("sigsrv", "user0");
        Finding vlanMtu = Finding.of(Check.VLAN_MTU, "sigsrv", "user0").network("userbr0")
                .error("user0 has MTU 1400 on sigsrv, bridge userbr0 has 1500");
        Finding otherMember = Finding.of(Check.VLAN_MTU, "minisrv", "user0").network("userbr0").error("x");
        Finding fullSize = Finding.of(Check.PATH_MTU, "", "userbr0:sigsrv→minisrv").network("userbr0")
                .error("full-size frames are lost");
        Finding small = Finding.of(Check.CROSS_HOST_PING, "", "userbr0:sigsrv→minisrv").network("userbr0")
                .ok("small pings cross");
        Report r = new Report(RootCauses.link(List.of(seg, vlanMtu, otherMember, fullSize, small)), Duration.ZERO,
                0);
        assertThat(r.find(vlanMtu.key()).orElseThrow().causedBy()).containsExactly(seg.key());
        assertThat(r.find(otherMember.key()).orElseThrow().causedBy()).as("another member's own mismatch").isEmpty();
        assertThat(r.find(fullSize.key()).orElseThrow().causedBy()).as("only the roots of the segment, once")
                .containsExactly(seg.key(), otherMember.key());
        assertThat(r.roots()).extracting(Finding::key).containsExactlyInAnyOrder(seg.key(), otherMember.key());
        assertThat(r.fixCommands()).extracting(HostCommand::toString).containsExactly(
                "sigsrv$ ip link set dev user0 mtu 1500");
    }

    @Test
    void anMtuIsDigitsInLinuxsRange() {
        for (String ok : List.of("68", "1500", "9000", "65535")) {
            assertThat(HostValues.mtu(ok)).as(ok).isEmpty();
        }
        for (String bad : List.of("", "67", "65536", "01500", "1500 ", "1500;id", "-1", "1e3", "$(id)")) {
            assertThat(HostValues.mtu(bad)).as(bad).hasValueSatisfying(why -> assertThat(why)
                    .endsWith("is not an MTU (68-65535)"));
        }
        assertThat(HostValues.mtu(null)).isPresent();
    }
}
