package net.sigsrv.infra.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.spec.SpecLoader;
import org.junit.jupiter.api.Test;

/**
 * A reservation on a bridge every member carries over one segment: each member runs a DHCP server there and only
 * the instance's member knows the reservation, so the others are told to offer late to clients they have no
 * reservation for (else the instance takes another member's dynamic address about one start in six, and every time
 * when many start at once: seen on the lab).
 */
class DesiredReservationsTest {

    private static String spec(String networkExtra, String nicExtra) {
        return """
                version: 1
                lab: lab
                description: Reservations on a shared segment
                hosts:
                  - name: sigsrv
                    description: First member
                  - name: minisrv
                    description: Second member
                networks:
                  - name: userbr0
                    description: Users
                    interface: user0
                    ipv4: 10.231.24.0/24
                    nat: false
                """ + networkExtra + """
                projects:
                  - name: p
                    description: A tenant
                    limits:
                      instances: 4
                    instances:
                      - name: user1
                        description: User
                        image: busybox
                        target: sigsrv
                        nics:
                          - name: eth0
                            network: userbr0
                """ + nicExtra;
    }

    private static Map<String, String> network(String yaml, boolean clustered) {
        SpecLoader.Loaded loaded = SpecLoader.parse(yaml.getBytes(StandardCharsets.UTF_8), "test.yaml");
        assertThat(loaded.ok()).as("valid: %s", loaded.diagnostics().sorted()).isTrue();
        return Desired.of(loaded.spec().orElseThrow(), clustered ? List.of("sigsrv", "minisrv") : List.of("sigsrv"),
                clustered).values().stream().filter(r -> r.address().toString().equals("network.userbr0"))
                .findFirst().orElseThrow().fields();
    }

    private static final String RESERVED = "            ipv4: 10.231.24.10\n";

    @Test
    void aReservationOnASharedSegmentMakesTheOtherMembersOfferLate() {
        assertThat(network(spec("", RESERVED), true)).containsEntry("config.raw.dnsmasq",
                "dhcp-reply-delay=tag:!known,2");
    }

    @Test
    void withoutAReservationOrAnotherMemberNothingChanges() {
        assertThat(network(spec("", ""), true)).doesNotContainKey("config.raw.dnsmasq");
        assertThat(network(spec("", RESERVED), false)).as("one daemon, one DHCP server")
                .doesNotContainKey("config.raw.dnsmasq");
    }

    @Test
    void theSpecsOwnDnsmasqLinesAreKept() {
        assertThat(network(spec("    config:\n      raw.dnsmasq: dhcp-option=42,10.0.0.1\n", RESERVED), true))
                .containsEntry("config.raw.dnsmasq", "dhcp-option=42,10.0.0.1\ndhcp-reply-delay=tag:!known,2");
        assertThat(network(spec("    config:\n      raw.dnsmasq: dhcp-reply-delay=2\n", RESERVED), true))
                .as("a delay the spec sets itself wins").containsEntry("config.raw.dnsmasq", "dhcp-reply-delay=2");
    }
}
