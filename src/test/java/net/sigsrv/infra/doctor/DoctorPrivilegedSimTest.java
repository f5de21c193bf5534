package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's {@code security-privileged} check on the simulator reads config as the daemon does: every spelling
 * of true is privileged, the privileged-equivalent keys count on instances (their own or from a profile) and on
 * profiles, and only the spec's declaration of that key with a reason makes an instance ok.
 */
class DoctorPrivilegedSimTest {

    @TempDir
    static Path dir;

    private static Path state() {
        return dir.resolve("state");
    }

    @BeforeAll
    static void lab() throws IOException {
        try (IncusClient c = IncusClient.connect(Sim.endpoint(state()))) {
            c.projects().createProfile("default", "rawmap", "", Map.of("raw.idmap", "both 1000 1000"), Map.of());
            c.instances().create("default", InstanceCreate.container("root", "busybox")
                    .withConfig(Map.of("security.privileged", "YES")), null, false);
            c.instances().create("default", InstanceCreate.container("hooks", "busybox")
                    .withConfig(Map.of("raw.lxc", "lxc.apparmor.profile=unconfined")), null, false);
            c.instances().create("default", new InstanceCreate("mapped", "container", "busybox", "",
                    List.of("default", "rawmap"), Map.of(), Map.of()), null, false);
            c.instances().create("default", InstanceCreate.container("plain", "busybox")
                    .withConfig(Map.of("security.privileged", "off", "security.syscalls.intercept.mknod", "false")),
                    null, false);
        }
    }

    @AfterAll
    static void stop() throws IOException {
        Sim.stopEmbedded(state());
    }

    /** The security-privileged findings by subject. */
    private static Map<String, JsonNode> privileged(String... spec) throws IOException {
        Cli.Result r = Cli.sim(state(), List.of(List.of("doctor", "--check", "security-privileged", "-o", "json"),
                List.of(spec)).stream().flatMap(List::stream).toArray(String[]::new));
        JsonNode report = new ObjectMapper().readTree(r.out());
        Map<String, JsonNode> out = new LinkedHashMap<>();
        report.get("checks").forEach(c -> {
            if (c.get("id").asText().equals("security-privileged")) {
                out.put(c.get("subject").asText(), c);
            }
        });
        return out;
    }

    @Test
    void privilegedAndEquivalentInstancesAndProfilesAreFlagged() throws IOException {
        Map<String, JsonNode> found = privileged();
        assertThat(found.keySet()).containsExactlyInAnyOrder("default/root", "default/hooks", "default/mapped",
                "profile default/rawmap");
        assertThat(found.values()).allSatisfy(f -> assertThat(f.get("status").asText()).isEqualTo("warn"));
        assertThat(found.get("default/root").get("summary").asText())
                .isEqualTo("default/root is privileged without a reason in the spec");
        assertThat(found.get("default/root").get("evidence").toString()).contains("security.privileged=YES");
        assertThat(found.get("default/hooks").get("summary").asText())
                .isEqualTo("default/hooks is privileged-equivalent (raw.lxc) without a reason in the spec");
        assertThat(found.get("default/mapped").get("evidence").toString())
                .contains("default/mapped: raw.idmap is set (from its profiles)");
        assertThat(found.get("profile default/rawmap").get("summary").asText()).isEqualTo("profile default/rawmap"
                + " makes every instance using it privileged-equivalent (raw.idmap)");
    }

    @Test
    void theSpecsDeclarationWithAReasonMakesItOk() throws IOException {
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                lab: g
                hosts:
                  - name: sigsrv
                    socket: /var/lib/incus/unix.socket
                instances:
                  - name: hooks
                    image: busybox
                    reason: an LXC hook needs an unconfined profile
                    config:
                      raw.lxc: lxc.apparmor.profile=unconfined
                  - name: root
                    image: busybox
                    reason: declared for raw.lxc only, not for privileged
                    config:
                      raw.lxc: x
                """);
        Map<String, JsonNode> found = privileged(spec.toString());
        assertThat(found.get("default/hooks").get("status").asText()).isEqualTo("ok");
        assertThat(found.get("default/hooks").get("summary").asText())
                .isEqualTo("default/hooks is privileged-equivalent for a written reason");
        assertThat(found.get("default/root").get("status").asText()).isEqualTo("warn");
    }
}
