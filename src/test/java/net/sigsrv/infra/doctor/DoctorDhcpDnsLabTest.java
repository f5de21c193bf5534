package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member's dnsmasq killed on the real lab ({@code lab/fault kill-dhcp HOST BRIDGE}): DHCP still seems to work
 * (the other member answers on the shared segment) and every ping passes, yet {@code infra doctor} names that
 * member's DHCP/DNS server of that bridge as the one root, with the API remedy; {@code --fix} (or {@code lab/fault
 * heal}) brings it back and DNS answers at the gateway on each member again.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DoctorDhcpDnsLabTest {

    @TempDir
    static Path dir;
    private DoctorLab lab;

    @BeforeAll
    void fixture() throws Exception {
        lab = DoctorLab.create(dir);
    }

    @AfterAll
    void removeFixture() {
        if (lab != null) {
            lab.close();
        }
    }

    @AfterEach
    void healEvenWhenATestFailed() {
        DoctorLab.heal();
    }

    @Test
    @Order(1)
    void aKilledDnsmasqIsTheOneRootNamingItsMemberAndFixRestartsIt() throws Exception {
        DoctorLab.fault("kill-dhcp", Lab.second(), lab.bridge);
        DoctorLab.Doctored d = lab.doctor();
        assertThat(d.exitCode()).as(d.describe()).isEqualTo(3);
        JsonNode root = d.finding("network-dhcp-dns", Lab.second(), lab.bridge);
        assertOnlyRoot(d, root);
        assertThat(root.get("summary").asText()).isEqualTo("no DHCP/DNS server for " + lab.bridge + " on "
                + Lab.second() + ":"
                + " its dnsmasq does not answer at gateway " + DoctorLab.prefix() + ".40.1 (clients there get leases"
                + " only from another member)");
        assertThat(root.get("evidence")).extracting(JsonNode::asText)
                .anySatisfy(e -> assertThat(e).contains("(" + Lab.second() + "): nslookup _gateway.lxd "
                        + DoctorLab.prefix()
                        + ".40.1 → ").contains("Connection refused"))
                .anySatisfy(e -> assertThat(e).startsWith("the daemon's view (network state on " + Lab.second() + "): "
                        + lab.bridge + " is up with " + DoctorLab.prefix() + ".40.1/24"));
        assertThat(root.get("daemon_fixes")).extracting(JsonNode::asText).singleElement().asString()
                .startsWith("restart the DHCP/DNS server of network " + lab.bridge + " on every member");
        assertThat(d.finding("network-dhcp-dns", Lab.first(), lab.bridge).get("status").asText())
                .as(Lab.first() + "'s own dnsmasq still answers").isEqualTo("ok");

        Cli.Result fixed = lab.fix();
        assertThat(fixed.out()).as(fixed.all())
                .contains("infra doctor --fix will make 1 change(s) through the daemon's API:\n  restart the DHCP/DNS"
                        + " server of network " + lab.bridge)
                .contains("done restarted the DHCP/DNS server (dnsmasq) of " + lab.bridge + " on every member; its"
                        + " config is as it was")
                .doesNotContain("over SSH");
        assertThat(fixed.exitCode()).as("errors left after the fix: %s", fixed.all()).isIn(0, 1);
        assertThat(lab.auditLines()).as("both updates of the network are in the audit log")
                .filteredOn(line -> line.contains("\"action\":\"PUT\"") && line.contains("\"object\":\"/1.0/networks/"
                        + lab.bridge + "\"") && line.contains("\"result\":\"success\""))
                .hasSize(2).allSatisfy(line -> assertThat(line).contains("config.ipv4.dhcp.expiry"));
        assertDnsAnswersEverywhere(lab.doctor());
    }

    @Test
    @Order(2)
    void aProbeFindsTheKilledDnsmasqOfABridgeWithoutInstancesAndHealBringsItBack() {
        DoctorLab.fault("kill-dhcp", Lab.first(), lab.probeBridge);
        DoctorLab.Doctored d = lab.doctor();
        assertThat(d.exitCode()).as(d.describe()).isEqualTo(3);
        JsonNode root = d.finding("network-dhcp-dns", Lab.first(), lab.probeBridge);
        assertOnlyRoot(d, root);
        assertThat(root.get("evidence").get(0).asText()).as("asked from a probe on " + Lab.first())
                .startsWith("in doctor-")
                .contains("(" + Lab.first() + "): nslookup _gateway.lxd " + DoctorLab.prefix() + ".41.1");

        DoctorLab.heal();
        assertDnsAnswersEverywhere(lab.doctor());
    }

    /**
     * The leases API of LXD 5.0.2 lists each member's leases with the member that gave them: a NIC reserved on
     * minisrv at the address sigsrv's (and minisrv's) dnsmasq leased to c1 is a lease conflict naming both NICs and
     * the members; gone with the reservation.
     */
    @Test
    @Order(3)
    void aReservationOnAnAddressAnotherMemberLeasedIsALeaseConflict() {
        String taken;
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            taken = Connectivity.ipv4(Connectivity.state(client, lab.project, "c1"), "eth0").orElseThrow();
            client.instances().create(lab.project, InstanceCreate.container("clash", "busybox").withDevices(Map.of(
                    "eth0", Map.of("type", "nic", "network", lab.bridge, "name", "eth0", "ipv4.address", taken))),
                    Lab.second(), true);
            try {
                DoctorLab.Doctored d = lab.doctor("--check", "network-dhcp-leases");
                assertThat(d.exitCode()).as(d.describe()).isEqualTo(3);
                JsonNode conflict = d.finding("network-dhcp-leases", "", taken);
                assertThat(conflict.get("status").asText()).isEqualTo("error");
                assertThat(conflict.get("summary").asText()).as(d.describe()).startsWith(taken + " on " + lab.bridge
                        + " is leased to ").contains("c1 (").contains("clash (").contains(" by " + Lab.first())
                        .contains(" by " + Lab.second())
                        .endsWith(": one member's DHCP refuses a client on the strength of another's lease");
                assertThat(conflict.get("remedy").asText()).contains("outside `ipv4.dhcp.ranges`");
            } finally {
                client.instances().setState(lab.project, "clash", "stop", true);
                client.instances().delete(lab.project, "clash");
            }
        }
        DoctorLab.Doctored after = lab.doctor("--check", "network-dhcp-leases");
        assertThat(after.status()).as(after.describe()).isEqualTo("ok");
    }

    /** Only problem in the report: an error, and the one root. */
    private static void assertOnlyRoot(DoctorLab.Doctored d, JsonNode root) {
        assertThat(root.get("status").asText()).as(d.describe()).isEqualTo("error");
        assertThat(root.get("root").asBoolean()).as(d.describe()).isTrue();
        assertThat(d.checks()).as("nothing else is wrong: " + d.describe())
                .filteredOn(c -> !c.get("status").asText().equals("ok")).extracting(c -> c.get("key").asText())
                .containsExactly(root.get("key").asText());
    }

    /** All green (after at most two more runs while DHCP settles), and DNS answers on each member on each bridge. */
    private void assertDnsAnswersEverywhere(DoctorLab.Doctored first) {
        DoctorLab.Doctored d = first;
        for (int attempt = 1; attempt < 3 && !"ok".equals(d.status()); attempt++) {
            assertThat(d.exitCode()).as("only warnings may remain while the lab settles: %s", d.describe())
                    .isIn(0, 1);
            d = lab.doctor();
        }
        assertThat(d.status()).as(d.describe()).isEqualTo("ok");
        List<JsonNode> dns = d.findings("network-dhcp-dns");
        assertThat(dns).as(d.describe()).extracting(c -> c.get("host").asText() + "/" + c.get("subject").asText()
                + ":" + c.get("status").asText()).containsExactlyInAnyOrder(Lab.first() + "/" + lab.bridge + ":ok",
                Lab.second() + "/" + lab.bridge + ":ok", Lab.first() + "/" + lab.probeBridge + ":ok",
                Lab.second() + "/" + lab.probeBridge + ":ok");
    }
}
