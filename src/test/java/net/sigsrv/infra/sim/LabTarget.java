package net.sigsrv.infra.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Lab;

/**
 * The real two-member LXD lab. Faults are made the way {@code lab/fault} makes them (ip in the member's namespace;
 * stop-member/start-member through the script itself), but undone one by one, never with a lab-wide heal that
 * would undo other tests' faults.
 */
final class LabTarget implements Target {

    private final IncusClient client;

    LabTarget() {
        Lab.awaitHealthy();
        // HTTPS: an idle pooled unix-socket connection can hang okhttp's health check (UnixSocketFactory
        // ignores the 1 ms read timeout it sets), which stalled this suite on the lab
        client = IncusClient.connect(Lab.https(Lab.members().getFirst()));
    }

    @Override
    public String name() {
        return "lab";
    }

    @Override
    public IncusClient client() {
        return client;
    }

    @Override
    public List<String> members() {
        return Lab.members();
    }

    @Override
    public String image() {
        return Lab.imageAlias();
    }

    @Override
    public int subnet() {
        return 150 + ThreadLocalRandom.current().nextInt(100);
    }

    @Override
    public void detachVlan(String member, String iface) {
        ip(member, "link", "set", iface, "nomaster");
    }

    @Override
    public void attachVlan(String member, String iface, String bridge) {
        ip(member, "link", "set", iface, "master", bridge);
    }

    @Override
    public void addIp(String member, String iface, String cidr) {
        ip(member, "addr", "add", cidr, "dev", iface);
    }

    @Override
    public void removeIp(String member, String iface, String cidr) {
        ip(member, "addr", "del", cidr, "dev", iface);
    }

    @Override
    public void stopMember(String member) {
        run(List.of(Golden.repo().resolve("lab/fault").toString(), "stop-member", member));
    }

    @Override
    public void startMember(String member) {
        run(List.of(Golden.repo().resolve("lab/fault").toString(), "start-member", member));
        Lab.awaitHealthy();
    }

    @Override
    public void ready() {
        Lab.awaitHealthy();
    }

    @Override
    public AutoCloseable lockSegments() {
        try {
            FileChannel channel = FileChannel.open(Lab.stateFile(), StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return () -> {
                lock.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bridge {@code iface} is attached to on {@code member}, or "". */
    static String master(String member, String iface) {
        String out = ip(member, "-o", "link", "show", iface);
        int at = out.indexOf(" master ");
        return at < 0 ? "" : out.substring(at + 8).split(" ")[0];
    }

    private static String ip(String member, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", Lab.netns(member)));
        command.addAll(List.of(args));
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
