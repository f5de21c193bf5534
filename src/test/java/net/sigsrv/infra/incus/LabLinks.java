package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The lab's VLAN segments as the kernel sees them inside a member's namespace: which bridge an interface is
 * attached to, and attaching it back. A test that bridges a segment takes it from whatever bridge held it (the
 * kernel moves an interface to its new master); this puts it back so other tests find the lab as it was.
 */
final class LabLinks {

    private LabLinks() {
    }

    /**
     * Holds the lab's segments for one test at a time across processes (several checkouts may run the lab tests
     * at once): an advisory lock on the lab's own {@code lab.json}, so no file is left behind. Close to release.
     */
    static AutoCloseable lockSegments() {
        try {
            FileChannel channel = FileChannel.open(Lab.stateFile(), StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            return () -> {
                lock.release();
                channel.close();
            };
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock " + Lab.stateFile() + ": " + e.getMessage(), e);
        }
    }

    /** The bridge {@code iface} is attached to in {@code member}'s namespace, if any. */
    static Optional<String> master(String member, String iface) {
        String json = ip(member, "-j", "link", "show", iface);
        try {
            var links = new ObjectMapper().readTree(json);
            return links.isEmpty() ? Optional.empty()
                    : Optional.ofNullable(links.get(0).path("master").textValue());
        } catch (IOException e) {
            throw new IllegalStateException("ip -j link show " + iface + " on " + member + ": " + json, e);
        }
    }

    /** Attaches {@code iface} to {@code bridge} in {@code member}'s namespace. */
    static void attach(String member, String iface, String bridge) {
        ip(member, "link", "set", iface, "master", bridge);
    }

    private static String ip(String member, String... args) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", Lab.netns(member)));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }
}
