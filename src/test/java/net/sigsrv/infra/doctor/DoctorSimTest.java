package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.ExampleSim;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault tests of {@link DoctorFaultsLabTest}, against the embedded simulator ({@code --sim}) with the example
 * lab applied: each of {@code infra sim fault}'s faults is named as the one root (check, host, interface), the
 * cross-host ping it breaks points at it, and after {@code sim fault heal} the doctor is all green.
 */
class DoctorSimTest {

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
        Cli.Result r = sim("--sim", "doctor", "-o", "json", example());
        try {
            JsonNode json = new ObjectMapper().readTree(r.out());
            assertThat(r.exitCode()).as("exit code follows the worst severity: %s", r.all())
                    .isEqualTo(switch (json.at("/summary/status").asText()) {
                        case "ok" -> 0;
                        case "warn" -> 1;
                        default -> 3;
                    });
            return json;
        } catch (IOException e) {
            throw new AssertionError("no JSON from the doctor: " + r.all(), e);
        }
    }

    /** The findings of a report that are root causes. */
    private static List<JsonNode> roots(JsonNode report) {
        List<JsonNode> roots = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("root").asBoolean()) {
                roots.add(c);
            }
        });
        return roots;
    }

    @Test
    void theHealthyExampleLabIsAllGreen() {
        JsonNode d = doctor();
        assertThat(d.at("/summary/status").asText()).as(d.at("/summary/line").asText()).isEqualTo("ok");
        assertThat(d.get("checks").findValuesAsText("id")).contains("network-cross-host-ping",
                "network-bridge-attached", "cluster-member-online", "storage-pool-usage");
    }

    @Test
    void aBridgeSharedByTwoProjectsWithoutAclsIsAWarning() throws IOException {
        try (IncusClient client = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            client.projects().create("tenant2", "another tenant", Map.of("features.images", "false",
                    "features.profiles", "false", "limits.instances", "2"));
            try {
                client.instances().create("tenant2", InstanceCreate.container("intruder", "busybox")
                        .withDevices(Map.of("eth0", Map.of("type", "nic", "network", "sigsrvbr0", "name", "eth0"))),
                        "sigsrv", true);
                JsonNode d = doctor();
                assertThat(d.at("/summary/status").asText()).isEqualTo("warn");
                List<JsonNode> acl = new ArrayList<>();
                d.get("checks").forEach(c -> {
                    if (c.get("id").asText().equals("security-network-acl")) {
                        acl.add(c);
                    }
                });
                assertThat(acl).singleElement().satisfies(c -> {
                    assertThat(c.get("status").asText()).isEqualTo("warn");
                    assertThat(c.get("subject").asText()).isEqualTo("sigsrvbr0");
                    assertThat(c.get("summary").asText()).contains("sigsrv-p1", "tenant2");
                });
            } finally {
                client.instances().setState("tenant2", "intruder", "stop", true);
                client.instances().delete("tenant2", "intruder");
                client.projects().delete("tenant2");
            }
        }
        assertThat(doctor().at("/summary/status").asText()).isEqualTo("ok");
    }

    @Test
    void aVlanInterfaceWithTheWrongIdIsRecreatedWithTheSpecsId() {
        Cli.Result f = sim("sim", "fault", "vlan-id", "minisrv", "user0", "99");
        assertThat(f.exitCode()).as(f.all()).isZero();
        JsonNode d = doctor();
        assertThat(roots(d)).singleElement().satisfies(r -> {
            assertThat(r.get("summary").asText()).isEqualTo("user0 carries VLAN 99 on minisrv, the spec says 24");
            assertThat(r.get("commands")).extracting(c -> c.get("host").asText() + "$ " + c.get("command").asText())
                    .containsExactly("minisrv$ ip link del dev user0",
                            "minisrv$ ip link add link eth1 name user0 type vlan id 24");
        });
    }

    /** {@code infra --sim doctor ARGS…} without a spec (the lab as the daemon describes it), as JSON. */
    private static JsonNode doctorWithoutSpec() {
        Cli.Result r = sim("--sim", "doctor", "-o", "json");
        try {
            return new ObjectMapper().readTree(r.out());
        } catch (IOException e) {
            throw new AssertionError("no JSON from the doctor: " + r.all(), e);
        }
    }

    private static JsonNode vlanUp(JsonNode report, String host, String iface) {
        List<JsonNode> found = new ArrayList<>();
        report.get("checks").forEach(c -> {
            if (c.get("id").asText().equals("network-vlan-up") && c.get("host").asText().equals(host)
                    && c.get("subject").asText().equals(iface)) {
                found.add(c);
            }
        });
        assertThat(found).as(report.toPrettyString()).hasSize(1);
        return found.getFirst();
    }

    /**
     * {@code infra --sim doctor --fix --yes} with an SSH config whose hosts are a closed local port: whatever it
     * tries to run fails to connect, and what it printed and audited shows what it would have sent.
     */
    private static Cli.Result fixOverClosedSsh(Path audit) throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("ssh_config"), """
                Host sigsrv minisrv
                  HostName 127.0.0.1
                  Port %d
                  User root
                  IdentityFile %s
                  UserKnownHostsFile %s
                """.formatted(port, dir.resolve("no_key"), dir.resolve("known_hosts")));
        return sim("--sim", "--audit-log", audit.toString(), "doctor", "--fix", "--yes", "--ssh-config",
                config.toString());
    }

    private static List<JsonNode> sshLines(Path audit) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (Files.exists(audit)) {
            for (String line : Files.readAllLines(audit)) {
                JsonNode j = new ObjectMapper().readTree(line);
                if (j.get("action").asText().equals("SSH")) {
                    out.add(j);
                }
            }
        }
        return out;
    }

    /**
     * A member's VLAN interface renamed to shell syntax the kernel accepts: the doctor names it, its remedy is the
     * argument list with the name as one argument, quoted for the remote shell, and --fix shows, audits and sends
     * exactly that quoted text (here to a closed port: nothing runs).
     */
    @ParameterizedTest
    @ValueSource(strings = {"a;id", "$(id)", "`id`", "a'b", "$(touch${IFS}p)"})
    void aHostileInterfaceNameIsOneQuotedArgumentShownAuditedAndSentAsItIs(String name) throws IOException {
        Cli.Result f = sim("sim", "fault", "rename-iface", "sigsrv", "user0", name);
        assertThat(f.exitCode()).as(f.all()).isZero();
        JsonNode up = vlanUp(doctorWithoutSpec(), "sigsrv", name);
        assertThat(up.get("root").asBoolean()).isTrue();
        String quoted = "'" + name.replace("'", "'\\''") + "'";
        assertThat(up.get("commands")).singleElement().satisfies(c -> {
            assertThat(c.get("command").asText()).isEqualTo("ip link set dev " + quoted + " up");
            assertThat(c.get("argv")).extracting(JsonNode::asText).containsExactly("ip", "link", "set", "dev", name,
                    "up");
        });

        Path audit = dir.resolve("audit-" + Integer.toHexString(name.hashCode()) + ".jsonl");
        Cli.Result fix = fixOverClosedSsh(audit);
        String shown = "sigsrv$ ip link set dev " + quoted + " up";
        assertThat(fix.out()).as(fix.all()).contains("over SSH:\n  " + shown + "\n")
                .contains("FAILED (exit -1) " + shown);
        assertThat(sshLines(audit)).singleElement().satisfies(line -> {
            assertThat(line.get("member").asText()).isEqualTo("sigsrv");
            assertThat(line.get("object").asText()).isEqualTo("ip link set dev " + quoted + " up");
        });
    }

    /**
     * A name the secret filter would mask ({@code x=passwd=1}) could not be shown as it runs: the finding stays,
     * its remedy says why it is not automated and what to check, and --fix runs nothing.
     */
    @Test
    void aNameTheSecretFilterWouldMaskIsNotRunAndSaysWhy() throws IOException {
        Cli.Result f = sim("sim", "fault", "rename-iface", "sigsrv", "user0", "x=passwd=1");
        assertThat(f.exitCode()).as(f.all()).isZero();
        JsonNode up = vlanUp(doctorWithoutSpec(), "sigsrv", "x=passwd=[REDACTED]");
        assertThat(up.get("status").asText()).isEqualTo("error");
        assertThat(up.get("commands")).isEmpty();
        assertThat(up.get("refused").asText()).contains("looks like it holds a secret");
        assertThat(up.get("remedy").asText()).contains("Not automated (--fix runs nothing for it)",
                "Check by hand on sigsrv: `ip -br link`");

        Path audit = dir.resolve("audit-masked.jsonl");
        Cli.Result fix = fixOverClosedSsh(audit);
        assertThat(fix.exitCode()).as(fix.all()).isEqualTo(3);
        assertThat(fix.out()).contains("infra doctor --fix will not run the remedy of 1 root cause(s); do it by"
                        + " hand:\n  network-vlan-up on sigsrv: it looks like it holds a secret, so the prompt and the"
                        + " audit log would show it masked, not as it runs (x=passwd=[REDACTED]")
                .contains("No root cause has a host command to run").doesNotContain("over SSH:");
        assertThat(sshLines(audit)).as("nothing was sent").isEmpty();
    }

    /** The lower device of a VLAN interface comes from the kernel too: a hostile one is one quoted argument. */
    @Test
    void aHostileLowerDeviceIsOneQuotedArgument() {
        assertThat(sim("sim", "fault", "vlan-id", "minisrv", "user0", "99").exitCode()).isZero();
        assertThat(sim("sim", "fault", "rename-iface", "minisrv", "eth1", "$(id)").exitCode()).isZero();
        JsonNode d = doctor();
        assertThat(roots(d)).singleElement().satisfies(r -> assertThat(r.get("commands"))
                .extracting(c -> c.get("command").asText())
                .containsExactly("ip link del dev user0", "ip link add link '$(id)' name user0 type vlan id 24"));
    }

    @Test
    void renameIfaceRefusesANameTheKernelRefuses() {
        for (String bad : List.of("1234567890123456", "a/b", "a b", "..", "a:b")) {
            Cli.Result f = sim("sim", "fault", "rename-iface", "sigsrv", "user0", bad);
            assertThat(f.exitCode()).as(bad).isNotZero();
            assertThat(f.err()).as(bad).contains("not an interface name the kernel accepts");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "detach-vlan, sigsrv, sigsrv0, , network-bridge-attached, sigsrvbr0",
        "add-ip, minisrv, user0, 10.99.0.5/24, network-vlan-unconfigured, ",
        "link-down, sigsrv, incus0, , network-vlan-up, incusbr0",
        "vlan-id, minisrv, sigsrv0, 21, network-vlan-id, sigsrvbr0",
        "stop-member, minisrv, , , cluster-member-online, ",
        "fill-pool, sigsrv, nvme, , storage-pool-usage, "})
    void eachFaultIsTheOneRootAndHealTurnsItGreen(String fault, String host, String thing, String cidr,
                                                   String check, String brokenBridge) {
        List<String> args = new ArrayList<>(List.of("sim", "fault", fault, host));
        if (thing != null) {
            args.add(thing);
        }
        if (cidr != null) {
            args.add(cidr);
        }
        Cli.Result f = sim(args.toArray(String[]::new));
        assertThat(f.exitCode()).as(f.all()).isZero();

        JsonNode d = doctor();
        List<JsonNode> roots = roots(d);
        assertThat(roots).as(d.toPrettyString()).singleElement().satisfies(r -> {
            assertThat(r.get("id").asText()).isEqualTo(check);
            assertThat(r.get("host").asText()).isEqualTo(host);
            assertThat(r.get("subject").asText()).isEqualTo(thing == null ? host : thing);
        });
        String key = roots.getFirst().get("key").asText();
        assertThat(d.at("/summary/roots")).extracting(JsonNode::asText).containsExactly(key);
        if (brokenBridge != null) {
            List<JsonNode> pings = new ArrayList<>();
            d.get("checks").forEach(c -> {
                if (c.get("id").asText().equals("network-cross-host-ping")
                        && c.get("subject").asText().startsWith(brokenBridge + ":")) {
                    pings.add(c);
                }
            });
            assertThat(pings).isNotEmpty().allSatisfy(p -> {
                assertThat(p.get("status").asText()).isEqualTo("error");
                assertThat(p.get("caused_by")).extracting(JsonNode::asText).containsExactly(key);
            });
        }

        heal();
        JsonNode after = doctor();
        assertThat(after.at("/summary/status").asText()).as(after.at("/summary/line").asText()).isEqualTo("ok");
    }
}
