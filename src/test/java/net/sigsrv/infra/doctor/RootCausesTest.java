package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How symptoms are tied to their causes, and what stays a root. */
class RootCausesTest {

    private static Finding ping(String bridge, Severity s) {
        return Finding.of(Check.CROSS_HOST_PING, "", bridge + ":sigsrv→minisrv").network(bridge).make(s, "ping over " + bridge);
    }

    @Test
    void aFailedPingIsCausedByTheProblemsOfItsOwnBridgeOnly() {
        Finding detached = Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "sigsrv0").network("sigsrvbr0")
                .error("sigsrv0 detached");
        Finding down = Finding.of(Check.VLAN_UP, "minisrv", "sigsrv0").network("sigsrvbr0").error("sigsrv0 down");
        Finding otherBridge = Finding.of(Check.VLAN_UNCONFIGURED, "sigsrv", "user0").network("userbr0")
                .error("user0 has an address");
        List<Finding> linked = RootCauses.link(List.of(ping("sigsrvbr0", Severity.ERROR), ping("userbr0",
                Severity.OK), detached, down, otherBridge));
        Report r = new Report(linked, java.time.Duration.ZERO, 0);
        assertThat(r.find(ping("sigsrvbr0", Severity.ERROR).key()).orElseThrow().causedBy())
                .containsExactly(detached.key(), down.key());
        assertThat(r.find(ping("userbr0", Severity.OK).key()).orElseThrow().causedBy()).as("ok stays ok").isEmpty();
        assertThat(r.roots()).extracting(Finding::key).containsExactlyInAnyOrder(detached.key(), down.key(),
                otherBridge.key());
    }

    @Test
    void theSameInterfaceInTwoBridgesGivesTwoFindingsNotOne() {
        Finding a = Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "user0").network("userbr0").error("not attached");
        Finding b = Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "user0").network("otherbr0").ok("attached");
        assertThat(a.key()).isNotEqualTo(b.key()).isEqualTo("network-bridge-attached@sigsrv/userbr0/user0");
        Finding missingBridge = Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "userbr0").network("userbr0").error("x");
        assertThat(missingBridge.key()).isEqualTo("network-bridge-attached@sigsrv/userbr0");
    }

    @Test
    void aPingWithNoExplainingFindingStaysARoot() {
        List<Finding> linked = RootCauses.link(List.of(ping("sigsrvbr0", Severity.ERROR)));
        assertThat(linked.getFirst().isRoot()).isTrue();
    }

    @Test
    void aDnsQueryFromAnInstanceWhoseNicIsOutsideTheBridgeIsCausedByThatNic() {
        // after a deleted bridge is set up again, the instance's veth stays outside it: its DNS query to the
        // gateway fails like its gateway ping, and both point at the NIC (found on the lab, DoctorMissingBridgeLabTest)
        Finding nic = Finding.of(Check.INSTANCE_NIC, "minisrv", "p/c2:eth0").network("br0")
                .error("p/c2 eth0 is outside bridge br0 on minisrv");
        Finding dns = Finding.of(Check.DHCP_DNS, "minisrv", "br0").network("br0")
                .evidence(Connectivity.ENDPOINT + "p/c2").error("no DHCP/DNS server for br0 on minisrv");
        Finding otherMember = Finding.of(Check.DHCP_DNS, "sigsrv", "br0").network("br0")
                .evidence(Connectivity.ENDPOINT + "p/c1").error("no DHCP/DNS server for br0 on sigsrv");
        List<Finding> linked = RootCauses.link(List.of(nic, dns, otherMember));
        assertThat(linked.get(1).causedBy()).containsExactly(nic.key());
        assertThat(linked.get(2).causedBy()).as("another instance's query on another member is its own").isEmpty();
    }

    @Test
    void whatCannotBeReadFromADeadMemberIsCausedByIt() {
        Finding dead = Finding.of(Check.MEMBER_ONLINE, "minisrv", "minisrv").critical("minisrv is Offline");
        Finding unreadable = Finding.of(Check.BRIDGE_ATTACHED, "minisrv", "sigsrvbr0").unreadable()
                .error("cannot read");
        Finding elsewhere = Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "sigsrvbr0").unreadable().error("cannot"
                + " read on sigsrv");
        Finding database = Finding.of(Check.DATABASE, "", "database").error("minisrv not Online");
        List<Finding> linked = RootCauses.link(List.of(dead, unreadable, elsewhere, database));
        assertThat(linked.get(1).causedBy()).containsExactly(dead.key());
        assertThat(linked.get(2).causedBy()).as("another member's unreadable data is its own problem").isEmpty();
        assertThat(linked.get(3).causedBy()).containsExactly(dead.key());
        assertThat(new Report(linked, java.time.Duration.ZERO, 0).roots()).extracting(Finding::key)
                .containsExactlyInAnyOrder(dead.key(), elsewhere.key());
    }

    @Test
    void fixCommandsFlushAddressesBeforeBringingLinksUpBeforeAttaching() {
        Finding attach = Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "sigsrv0").remedy(Remedy.run("attach",
                HostCommand.of("sigsrv", "ip", "link", "set", "dev", "sigsrv0", "master",
                        "sigsrvbr0"))).error("detached");
        Finding up = Finding.of(Check.VLAN_UP, "sigsrv", "sigsrv0").remedy(Remedy.run("up",
                HostCommand.of("sigsrv", "ip", "link", "set", "dev", "sigsrv0", "up"))).error("down");
        Finding flush = Finding.of(Check.VLAN_UNCONFIGURED, "sigsrv", "sigsrv0").remedy(Remedy.run("flush",
                HostCommand.of("sigsrv", "ip", "addr", "del", "10.0.0.1/24", "dev", "sigsrv0"))).error("address");
        Report r = new Report(RootCauses.link(List.of(attach, up, flush)), java.time.Duration.ZERO, 0);
        assertThat(r.fixCommands()).extracting(HostCommand::text).containsExactly(
                "ip addr del 10.0.0.1/24 dev sigsrv0", "ip link set dev sigsrv0 up",
                "ip link set dev sigsrv0 master sigsrvbr0");
    }
}
