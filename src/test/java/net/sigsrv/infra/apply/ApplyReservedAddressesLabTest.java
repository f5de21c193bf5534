package net.sigsrv.infra.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.api.InstanceState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One apply gives every instance its reserved address on a bridge both members carry over one segment. Each member
 * runs its own DHCP server there and only the instance's member knows the reservation; before the plan made the
 * other members offer late to clients they have no reservation for, the instance took whichever offer came first:
 * of ten containers started at once, none held its reservation (checked on the lab).
 */
@Tag("lab")
class ApplyReservedAddressesLabTest {

    private static final int COUNT = 6;

    @TempDir
    Path dir;

    @Test
    void everyInstanceHoldsItsReservationAfterOneApply() throws Exception {
        Lab.awaitHealthy();
        String lab = "tres" + Lab.token();
        String prefix = prefix();
        Path spec = Files.writeString(dir.resolve("lab.yaml"), yaml(lab, prefix), StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(Lab.stateFile(), StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock held = channel.lock()) {
            try {
                Cli.Result r = Cli.run("apply", "--remote", "lab", "--auto-approve", "--wait-ipv4=60",
                        spec.toString());
                assertThat(r.exitCode()).as("apply:\n%s", r.all()).isZero();
                Map<String, List<String>> want = new LinkedHashMap<>();
                Map<String, List<String>> got = new LinkedHashMap<>();
                try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
                    for (int i = 0; i < COUNT; i++) {
                        want.put("r" + i, List.of(prefix + ".42." + (10 + i)));
                        got.put("r" + i, addresses(client, lab + "-p", "r" + i));
                    }
                }
                assertThat(got).as("the addresses the instances hold, after one apply").isEqualTo(want);
                Cli.Result plan = Cli.run("plan", "--remote", "lab", spec.toString());
                assertThat(plan.out()).as("the network's late offers are in place:\n%s", plan.all())
                        .contains("No changes");
            } finally {
                Cli.Result d = Cli.run("destroy", "--remote", "lab", "--auto-approve", "--lock-timeout", "60",
                        spec.toString());
                assertThat(d.exitCode()).as("destroy:\n%s", d.all()).isZero();
                Cli.Result f = Cli.run("forget", "--remote", "lab", spec.toString(), "pool.default");
                assertThat(f.exitCode()).as("forget pool.default:\n%s", f.all()).isZero();
            }
        }
    }

    /** The IPv4 addresses eth0 holds, once it holds any (a lease takes a moment after the start). */
    private static List<String> addresses(IncusClient client, String project, String name) throws Exception {
        List<String> held = List.of();
        for (int attempt = 0; attempt < 40 && held.isEmpty(); attempt++) {
            InstanceState s = client.get(ApiPath.of("/1.0/instances", name, "state").project(project),
                    new TypeReference<InstanceState>() { });
            held = Optional.ofNullable(s.network().get("eth0")).map(n -> n.addresses().stream()
                    .filter(a -> "inet".equals(a.family()) && "global".equals(a.scope())).map(a -> a.address())
                    .toList()).orElse(List.of());
            if (held.isEmpty()) {
                Thread.sleep(250);
            }
        }
        return held;
    }

    private static String prefix() {
        String host = Lab.url(Lab.members().getFirst()).getHost();
        return host.substring(0, host.indexOf('.', host.indexOf('.') + 1));
    }

    private static String yaml(String lab, String prefix) {
        StringBuilder instances = new StringBuilder();
        for (int i = 0; i < COUNT; i++) {
            instances.append("""
                          - name: r%1$d
                            description: Reserved address on %2$s
                            image: busybox
                            target: %2$s
                            nics:
                              - name: eth0
                                network: %3$sbr0
                                ipv4: %4$s.42.%5$d
                    """.formatted(i, i % 2 == 0 ? "sigsrv" : "minisrv", lab, prefix, 10 + i));
        }
        return """
                version: 1
                lab: %1$s
                description: Reserved addresses on a shared segment (removed when the test ends)
                hosts:
                  - name: sigsrv
                    description: First member
                    address: %2$s
                  - name: minisrv
                    description: Second member
                    address: %3$s
                networks:
                  - name: %1$sbr0
                    description: Shared segment with reservations
                    purpose: user
                    vlan: 24
                    interface: user0
                    ipv4: %4$s.42.0/24
                    nat: false
                storage:
                  - name: default
                    description: Directory pool made by lab/up
                    purpose: fast
                    driver: dir
                projects:
                  - name: %1$s-p
                    description: Reserved addresses test project
                    features:
                      images: false
                      profiles: true
                      storage.volumes: true
                      networks: false
                    limits:
                      cpu: 8
                      instances: %5$d
                      containers: %5$d
                      virtual-machines: 0
                    default-profile:
                      cpu: 1
                      root:
                        pool: default
                        size: 1GiB
                    instances:
                """.formatted(lab, Lab.url("sigsrv"), Lab.url("minisrv"), prefix, COUNT) + instances;
    }
}
