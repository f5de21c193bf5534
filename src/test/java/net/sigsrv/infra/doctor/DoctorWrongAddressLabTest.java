package net.sigsrv.infra.doctor;

import net.sigsrv.infra.incus.Poll;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.api.Instance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance whose NIC reserves an address ({@code ipv4.address}) takes a second lease from the other member's
 * dnsmasq ({@code lab/fault wrong-address}: its own member's dnsmasq paused while {@code udhcpc} runs inside, as when
 * the other member answers first on the shared segment). The doctor names it as the one root, with the address, the
 * member whose DHCP server leased it, and the command that removes it; run, the doctor is green again.
 */
@Tag("lab")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorWrongAddressLabTest {

    private static final String NAME = "c3";
    @TempDir
    static Path dir;
    private DoctorLab lab;
    private String reserved;

    @BeforeAll
    void fixture() throws Exception {
        lab = DoctorLab.create(dir);
        reserved = DoctorLab.prefix() + ".40.77";
        try (IncusClient client = client()) {
            client.instances().create(lab.project, InstanceCreate.container(NAME, Lab.imageAlias()).withDevices(
                    Map.of("eth0", Map.of("type", "nic", "network", lab.bridge, "name", "eth0", "ipv4.address",
                            reserved))), Lab.first(), true);
            // the reserved address is the own member's offer; the other member may answer first at boot (the very
            // fault under test): restart until it holds the reservation
            for (int attempt = 0; attempt < 4 && !awaitAddress(client, Duration.ofSeconds(20)).equals(
                    List.of(reserved)); attempt++) {
                client.instances().setState(lab.project, NAME, "restart", true);
            }
            assertThat(awaitAddress(client, Duration.ofSeconds(20))).as("%s holds its reserved address", NAME)
                    .containsExactly(reserved);
        }
    }

    @AfterAll
    void removeFixture() {
        try (IncusClient client = client()) {
            try {
                client.instances().setState(lab.project, NAME, "stop", true);
            } catch (IncusException gone) {
                // stopped or gone already
            }
            try {
                client.instances().delete(lab.project, NAME);
            } catch (IncusException gone) {
                // gone already
            }
        } finally {
            lab.close();
        }
    }

    @AfterEach
    void healEvenWhenATestFailed() {
        DoctorLab.heal();
    }

    @Test
    void anInstanceHoldingAnotherLeaseIsNamedWithTheMemberThatLeasedItAndTheRemedyTurnsItGreen() {
        DoctorLab.fault("wrong-address", lab.project + "/" + NAME);
        String other;
        try (IncusClient client = client()) {
            List<String> held = awaitAddress(client, Duration.ofSeconds(5));
            assertThat(held).as("the fault added a lease").hasSize(2).contains(reserved);
            other = held.stream().filter(a -> !a.equals(reserved)).findFirst().orElseThrow();
        }
        DoctorLab.Doctored d = lab.doctor();
        assertThat(d.exitCode()).as(d.describe()).isEqualTo(3);
        String who = lab.project + "/" + NAME;
        JsonNode root = d.finding("network-instance-address", Lab.first(), who + ":eth0");
        assertThat(root.get("status").asText()).as(d.describe()).isEqualTo("error");
        assertThat(d.roots()).as("exactly one root cause: " + d.describe()).extracting(c -> c.get("key").asText())
                .containsExactly(root.get("key").asText());
        // sigsrv's dnsmasq, paused while the lease was made, records the request it finds queued when it resumes
        assertThat(root.get("summary").asText()).as("the lease is traced to " + Lab.second() + "'s dnsmasq").isIn(
                who + " eth0 holds " + other + " besides its reserved " + reserved + " (dynamic lease of "
                        + Lab.second() + "'s"
                        + " DHCP server (dnsmasq of " + lab.bridge + "))",
                who + " eth0 holds " + other + " besides its reserved " + reserved + " (dynamic lease of "
                        + Lab.second() + "'s"
                        + " DHCP server (dnsmasq of " + lab.bridge + "), recorded by " + Lab.first() + "'s too)");
        String command = "infra instance exec --project " + lab.project + " " + NAME + " -- ip addr del " + other
                + "/24 dev eth0";
        assertThat(root.get("remedy").asText()).contains("`" + command + "`");

        Cli.Result ran = Cli.run("instance", "exec", "--remote", "lab", "--project", lab.project, NAME, "--", "ip",
                "addr", "del", other + "/24", "dev", "eth0");
        assertThat(ran.exitCode()).as(ran.all()).isZero();
        DoctorLab.Doctored after = lab.doctor();
        for (int attempt = 1; attempt < 3 && !"ok".equals(after.status()); attempt++) {
            assertThat(after.exitCode()).as("only warnings may remain while the lab settles: %s", after.describe())
                    .isIn(0, 1);
            after = lab.doctor();
        }
        assertThat(after.status()).as(after.describe()).isEqualTo("ok");
        assertThat(after.finding("network-instance-address", Lab.first(), who + ":eth0").get("status").asText())
                .isEqualTo("ok");
        assertThat(after.findings("network-cross-host-ping")).isNotEmpty()
                .allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("ok"));
    }

    private static IncusClient client() {
        return IncusClient.connect(Lab.unix(Lab.members().getFirst()));
    }

    /** The global IPv4 addresses of the instance's eth0 once it has one (or none after {@code wait}). */
    private List<String> awaitAddress(IncusClient client, Duration wait) {
        return Poll.lastWithin("an address on eth0 of " + NAME, wait, Duration.ofMillis(500), () -> {
            Instance i = client.instances().get(lab.project, NAME).value();
            List<String> held = Optional.ofNullable(Connectivity.state(client, lab.project, NAME).network()
                    .get("eth0")).map(n -> n.addresses().stream().filter(a -> "inet".equals(a.family())
                            && "global".equals(a.scope())).map(a -> a.address()).toList()).orElse(List.of());
            return new Held(held, i.isRunning());
        }, h -> !h.addresses().isEmpty() && h.running()).addresses();
    }

    private record Held(List<String> addresses, boolean running) {
    }
}
