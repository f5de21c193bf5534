package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.ExampleSim;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra sim fault kill-dhcp HOST BRIDGE} on the example lab: the doctor names that member's DHCP/DNS server
 * of that bridge as the one root, with the API remedy; {@code doctor --fix --yes} (a config update, as on the real
 * daemon) or {@code sim fault heal} turns it green, with DNS answering at every gateway on every member.
 */
class DoctorDhcpDnsSimTest {

    @TempDir
    static Path dir;

    private static Cli.Result sim(String... args) {
        return ExampleSim.in(dir).run(args);
    }

    private static String example() {
        return ExampleSim.example();
    }

    @BeforeAll
    static void exampleLab() {
        ExampleSim.in(dir).resetAndApplyExample();
    }

    @AfterAll
    static void stop() throws IOException {
        ExampleSim.in(dir).stop();
    }

    @AfterEach
    void heal() {
        ExampleSim.in(dir).heal();
    }

    private static JsonNode doctor() {
        return ExampleSim.in(dir).doctorJson(example());
    }

    private static List<JsonNode> problems(JsonNode report) {
        List<JsonNode> out = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (!c.get("status").asText().equals("ok")) {
                out.add(c);
            }
        });
        return out;
    }

    private static JsonNode theOneRoot(String host, String bridge) {
        Cli.Result f = sim("sim", "fault", "kill-dhcp", host, bridge);
        assertThat(f.exitCode()).as(f.all()).isZero();
        assertThat(f.out()).contains("fault: " + host + "'s dnsmasq for " + bridge + " killed");
        JsonNode d = doctor();
        assertThat(problems(d)).as(d.toPrettyString()).singleElement().satisfies(r -> {
            assertThat(r.get("id").asText()).isEqualTo("network-dhcp-dns");
            assertThat(r.get("host").asText()).isEqualTo(host);
            assertThat(r.get("subject").asText()).isEqualTo(bridge);
            assertThat(r.get("status").asText()).isEqualTo("error");
            assertThat(r.get("root").asBoolean()).isTrue();
            assertThat(r.get("summary").asText()).startsWith("no DHCP/DNS server for " + bridge + " on " + host
                    + ": its dnsmasq does not answer at gateway ");
            assertThat(r.get("evidence").get(0).asText()).contains("(" + host + "): nslookup _gateway.")
                    .endsWith("Connection refused");
            assertThat(r.get("daemon_fixes")).extracting(JsonNode::asText).singleElement().asString()
                    .startsWith("restart the DHCP/DNS server of network " + bridge + " on every member");
        });
        return d;
    }

    private static void assertDnsEverywhere() {
        JsonNode d = doctor();
        assertThat(d.at("/summary/status").asText()).as(d.at("/summary/line").asText()).isEqualTo("ok");
        List<String> dns = new ArrayList<>();
        d.get("checks").forEach(c -> {
            if (c.get("id").asText().equals("network-dhcp-dns")) {
                dns.add(c.get("host").asText() + "/" + c.get("subject").asText() + ":" + c.get("status").asText());
            }
        });
        assertThat(dns).as("asked on each member of each bridge").contains("sigsrv/sigsrvbr0:ok",
                "minisrv/sigsrvbr0:ok").allSatisfy(s -> assertThat(s).endsWith(":ok"));
    }

    @Test
    void aKilledDnsmasqIsTheOneRootAndFixRestartsItThroughTheApi() {
        theOneRoot("minisrv", "sigsrvbr0");
        Cli.Result fixed = sim("--sim", "doctor", "--fix", "--yes", example());
        assertThat(fixed.out()).as(fixed.all())
                .contains("infra doctor --fix will make 1 change(s) through the daemon's API:\n  restart the DHCP/DNS"
                        + " server of network sigsrvbr0 on every member")
                .contains("done restarted the DHCP/DNS server (dnsmasq) of sigsrvbr0 on every member")
                .doesNotContain("over SSH");
        assertThat(fixed.exitCode()).as(fixed.all()).isZero();
        assertDnsEverywhere();
    }

    @Test
    void healBringsTheKilledDnsmasqBack() {
        theOneRoot("sigsrv", "sigsrvbr0");
        heal();
        assertDnsEverywhere();
    }

    /** As on LXD 5.0.2: a PUT of the same config (or of a user key only) restarts nothing; another key does. */
    @Test
    void onlyAChangedKeyRestartsDnsmasq() throws IOException {
        theOneRoot("sigsrv", "sigsrvbr0");
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            Tagged<Network> n = client.networks().get(null, "sigsrvbr0", null);
            client.networks().update(null, "sigsrvbr0", n.value().description(), n.value().config(),
                    client.networks().get(null, "sigsrvbr0", null).etag());
            var withUser = new java.util.TreeMap<>(n.value().config());
            withUser.put("user.note", "x");
            client.networks().update(null, "sigsrvbr0", n.value().description(), withUser,
                    client.networks().get(null, "sigsrvbr0", null).etag());
            assertThat(problems(doctor())).extracting(c -> c.get("key").asText())
                    .containsExactly("network-dhcp-dns@sigsrv/sigsrvbr0");
            DaemonFixes.restartDhcpDns(client, "sigsrvbr0");
            assertThat(client.networks().get(null, "sigsrvbr0", null).value().config()).as("config as it was")
                    .isEqualTo(withUser);
            client.networks().update(null, "sigsrvbr0", n.value().description(), n.value().config(),
                    client.networks().get(null, "sigsrvbr0", null).etag());
        }
        assertDnsEverywhere();
    }
}
