package net.sigsrv.infra.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;

/**
 * A private simulator in a temporary directory, in the LXD 5.0.2 flavour and with the lab's members and its
 * {@code default} dir pool, so that it starts from what the real lab offers.
 */
final class SimTarget implements Target {

    private final Path dir;
    private final Sim.Served served;
    private final IncusClient client;

    SimTarget() {
        try {
            dir = Files.createTempDirectory("infra-sim-conformance");
            served = Sim.serve(new SimStore(dir), 0);
            client = IncusClient.connect(new Endpoint.Http(served.server().url()));
            client.send("POST", new ApiPath("/sim/v1/reset", Map.of()), Map.of("members", members(), "flavour",
                    "lxd"), null);
            for (String m : members()) {
                client.send("POST", ApiPath.of("/1.0/storage-pools").target(m), Map.of("name", "default",
                        "driver", "dir", "config", Map.of()), null);
            }
            client.send("POST", ApiPath.of("/1.0/storage-pools"), Map.of("name", "default", "driver", "dir",
                    "config", Map.of()), null);
            var profile = client.projects().profile("default", "default");
            client.projects().updateProfile("default", "default", "Default LXD profile", Map.of(), Map.of("root",
                    Map.of("type", "disk", "path", "/", "pool", "default")), profile.etag());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String name() {
        return "sim";
    }

    @Override
    public IncusClient client() {
        return client;
    }

    @Override
    public List<String> members() {
        return List.of("sigsrv", "minisrv");
    }

    @Override
    public String image() {
        return "busybox";
    }

    @Override
    public int subnet() {
        return 150 + ThreadLocalRandom.current().nextInt(100);
    }

    private void fault(String command, String... args) {
        client.send("POST", new ApiPath("/sim/v1/fault", Map.of()), Map.of("command", command, "args",
                List.of(args)), null);
    }

    @Override
    public void detachVlan(String member, String iface) {
        fault("detach-vlan", member, iface);
    }

    @Override
    public void attachVlan(String member, String iface, String bridge) {
        fault("heal");
    }

    @Override
    public void addIp(String member, String iface, String cidr) {
        fault("add-ip", member, iface, cidr);
    }

    @Override
    public void removeIp(String member, String iface, String cidr) {
        fault("heal");
    }

    @Override
    public void stopMember(String member) {
        fault("stop-member", member);
    }

    @Override
    public void startMember(String member) {
        fault("start-member", member);
    }

    @Override
    public void ready() {
    }

    @Override
    public AutoCloseable lockSegments() {
        return () -> { };
    }

    @Override
    public void close() {
        client.close();
        try {
            served.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
