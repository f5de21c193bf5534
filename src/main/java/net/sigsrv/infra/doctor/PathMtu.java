package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.sigsrv.infra.diag.Futures;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Instances.ExecResult;
import net.sigsrv.infra.incus.api.InstanceState;

/**
 * The full-size probe across members ({@link Check#PATH_MTU}): from the endpoint on each member to the one on every
 * other member over the same bridge, both ways, one ping whose packet is the segment's MTU ({@link
 * SegmentMtu#expected}): a payload of MTU-28 bytes (20 of IPv4 header, 8 of ICMP).
 *
 * <p>busybox's ping (the lab's image and the probes') has no {@code -M do}. The don't-fragment bit comes from
 * Linux's default path-MTU discovery instead ({@code net.ipv4.ip_no_pmtu_disc=0}: a datagram that fits the route's
 * MTU is sent whole, with DF set; a larger one is fragmented by the sender). So the sender's interface MTU is read
 * from the instance's state first: below the segment's MTU the frame cannot leave whole, and that is the finding;
 * otherwise the echo request crosses as one full-size frame or not at all (a bridge drops a frame larger than the
 * port it leaves by, and a veth one larger than its peer's MTU). Checked on the lab: {@code ping -s 1472} leaves a
 * busybox container as one packet (FragCreates unchanged), {@code -s 3000} as three.
 *
 * <p>Only pairs whose small cross-host ping passed keep their result ({@link #whereSmallPingsPassed}): where that
 * failed, its finding says it all.
 */
final class PathMtu {

    private static final int HEADERS = 28;

    private final IncusClient client;
    private final LabView lab;

    PathMtu(IncusClient client, LabView lab) {
        this.client = client;
        this.lab = lab;
    }

    /** {@code full} without the pairs of members whose small cross-host ping in {@code pings} failed. */
    static List<Finding> whereSmallPingsPassed(List<Finding> full, List<Finding> pings) {
        Set<String> broken = new HashSet<>();
        pings.stream().filter(f -> f.check() == Check.CROSS_HOST_PING && f.severity().isProblem())
                .forEach(f -> broken.add(pair(f.subject())));
        return full.stream().filter(f -> !broken.contains(pair(f.subject()))).toList();
    }

    /** {@code net:a→b} and {@code net:b→a} as one key. */
    private static String pair(String subject) {
        int colon = subject.lastIndexOf(':');
        String[] members = subject.substring(colon + 1).split("→", 2);
        return members.length < 2 ? subject : subject.substring(0, colon) + ":" + (members[0].compareTo(members[1])
                < 0 ? members[0] + "|" + members[1] : members[1] + "|" + members[0]);
    }

    /** Probes every ordered pair of members per bridge in {@code endpoints}. */
    List<Finding> run(Map<String, Map<String, Connectivity.Endpoint>> endpoints) {
        List<Future<Finding>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            endpoints.forEach((net, perMember) -> {
                SegmentMtu.Expected want = SegmentMtu.expected(lab, net);
                if (HostValues.mtu(want.mtu()).isPresent()) {
                    return; // not a number: the segment check says so
                }
                for (Connectivity.Endpoint from : perMember.values()) {
                    for (Connectivity.Endpoint to : perMember.values()) {
                        if (from.member().equals(to.member())) {
                            continue;
                        }
                        futures.add(pool.submit(() -> probe(net, from, to, Integer.parseInt(want.mtu()))));
                    }
                }
            });
            List<Finding> out = new ArrayList<>();
            for (Future<Finding> f : futures) {
                out.add(Futures.join(f, "probing the path MTU"));
            }
            return out;
        }
    }

    private static String subject(String net, Connectivity.Endpoint from, Connectivity.Endpoint to) {
        return net + ":" + from.member() + "→" + to.member();
    }

    private Finding probe(String net, Connectivity.Endpoint from, Connectivity.Endpoint to, int mtu) {
        Finding.Builder f = Finding.of(Check.PATH_MTU, "", subject(net, from, to)).network(net);
        Optional<Nic> nic = senderNic(from);
        if (nic.isPresent() && nic.get().mtu() < mtu) {
            return f.evidence("state of " + from.name() + ": " + nic.get().name() + " has MTU "
                            + nic.get().mtu())
                    .remedy(Remedy.say("Restart " + from.name() + " once bridge " + net + " on " + from.member()
                            + " has the segment's MTU (" + mtu + "): a NIC takes its bridge's MTU when it starts."))
                    .error(from.name() + " on " + from.member() + " cannot send " + mtu + "-byte packets over " + net
                            + ": its " + nic.get().name() + " has MTU " + nic.get().mtu());
        }
        String payload = Integer.toString(mtu - HEADERS);
        String last = "";
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                ExecResult r = Connectivity.exec(client, from, List.of("ping", "-s", payload, "-c", "1", "-W", "2",
                        to.address()));
                String out = (r.stdout() + r.stderr()).strip();
                if (r.exitCode() == 0) {
                    return f.evidence("in " + from.name() + ": ping -s " + payload + " -c 1 " + to.address() + " → "
                                    + out.lines().filter(l -> l.contains("bytes from")).findFirst().orElse(""))
                            .ok(from.label() + " reaches " + to.label() + " with " + mtu + "-byte packets over "
                                    + net);
                }
                last = "ping -s " + payload + " -c 1 " + to.address() + " in " + from.name() + " exited "
                        + r.exitCode() + ": " + out.lines().filter(l -> l.contains("packets") || l.contains("ping:"))
                        .findFirst().orElse(out.lines().reduce((a, b) -> b).orElse(""));
            } catch (IncusException e) {
                last = "exec in " + from.name() + " failed: " + e.getMessage();
            }
        }
        nic.ifPresent(n -> f.evidence("sender's " + n.name() + " has MTU " + n.mtu()
                + ": the request leaves whole, with the don't-fragment bit"));
        return f.evidence(last)
                .remedy(Remedy.say("Give every member's VLAN interface and bridge of " + net + " the segment's MTU, "
                        + mtu + " (see network-segment-mtu)."))
                .error(from.name() + " on " + from.member() + " cannot reach " + to.name() + " on " + to.member()
                        + " over " + net + " with " + mtu + "-byte packets" + (last.startsWith("exec in")
                        ? ": cannot run ping there" : ": full-size frames are lost"));
    }

    /** The sender's interface that holds its address on the bridge, and its MTU. */
    record Nic(String name, long mtu) {
    }

    /**
     * The sender's NIC on the bridge: an instance's from its state as the lab was read; a probe's from its own state,
     * read once per probe (not once per pair).
     */
    private Optional<Nic> senderNic(Connectivity.Endpoint from) {
        Optional<InstanceState> state = from.probe()
                ? probeStates.computeIfAbsent(from.name(), n -> Read.of(() -> Connectivity.state(client,
                        from.project(), n))).get()
                : lab.instances().get().orElse(List.of()).stream().filter(i -> i.project().equals(from.project())
                        && i.name().equals(from.name()) && i.state() != null).findFirst().map(i -> i.state());
        return state.flatMap(st -> st.network().entrySet().stream().filter(e -> e.getValue().addresses().stream()
                        .anyMatch(a -> from.address().equals(a.address()))).findFirst())
                .map(e -> new Nic(e.getKey(), e.getValue().mtu()));
    }

    private final Map<String, Read<InstanceState>> probeStates = new java.util.concurrent.ConcurrentHashMap<>();
}
