package net.sigsrv.infra.doctor;

import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Instances.ExecResult;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkState;

/**
 * {@code network-dhcp-dns} for one bridge on one member: from an instance (or probe) on that member, a DNS query for
 * the gateway's own name ({@code _gateway.DOMAIN}, which dnsmasq answers itself) sent to the gateway address. Every
 * member's bridge carries the same gateway address and MAC, and a bridge delivers frames for its own MAC to its own
 * host, so the query reaches that member's own dnsmasq and no other: when it is gone the member's kernel refuses the
 * query at once ("Connection refused", seen on LXD 5.0.2). That dnsmasq is also the member's DHCP server, so the
 * member hands out no leases either — which a shared segment hides, as another member's dnsmasq answers the
 * broadcast. Any answer (an address, or "can't find") means the server is there.
 */
final class DhcpDnsCheck {

    private DhcpDnsCheck() {
    }

    /** Whether the bridge runs a DNS server at an IPv4 gateway (else there is nothing to ask). */
    static boolean applies(Network bridge) {
        String gateway = bridge.config().getOrDefault("ipv4.address", "");
        return !gateway.isEmpty() && !gateway.equals("none")
                && !"none".equals(bridge.config().getOrDefault("dns.mode", "managed"));
    }

    /** The name dnsmasq answers for its own gateway: {@code _gateway.} + the bridge's DNS domain. */
    static String gatewayName(Network bridge, boolean incus) {
        return "_gateway." + bridge.config().getOrDefault("dns.domain", incus ? "incus" : "lxd");
    }

    static Finding check(IncusClient client, LabView lab, Network bridge, Connectivity.Endpoint from, boolean incus) {
        String net = bridge.name();
        String gateway = bridge.config().get("ipv4.address").replaceAll("/.*", "");
        String name = gatewayName(bridge, incus);
        Finding.Builder f = Finding.of(Check.DHCP_DNS, from.member(), net).network(net);
        String out;
        int exit;
        try {
            ExecResult r = Connectivity.exec(client, from, List.of("nslookup", name, gateway));
            out = (r.stdout() + r.stderr()).strip();
            exit = r.exitCode();
        } catch (IncusException e) {
            return f.evidence("exec in " + from.name() + " failed: " + e.getMessage()).unreadable()
                    .warn("cannot ask the DNS server of " + net + " on " + from.member() + " from " + from.name());
        }
        String query = "in " + from.name() + " (" + from.member() + "): nslookup " + name + " " + gateway;
        if (answered(exit, out)) {
            return f.evidence(query + " → answered").ok("the DHCP/DNS server of " + net + " on " + from.member()
                    + " answers at " + gateway);
        }
        // busybox says both ";; connection timed out" and, on stderr, "write to 'GW': Connection refused": the
        // refusal is the telling line (the member's kernel answered: nothing listens there)
        String why = java.util.stream.Stream.of("refused", "not found", "timed out", "no servers")
                .flatMap(word -> out.lines().filter(l -> l.contains(word))).findFirst()
                .orElse(out.lines().reduce((a, b) -> b).orElse("exit " + exit)).strip();
        f.evidence(query + " → " + why);
        if (exit == 127 || why.contains("not found")) {
            return f.unreadable().remedy(Remedy.say("Use an image with busybox's nslookup for the probes, or start"
                    + " such an instance on " + net + " on " + from.member() + "."))
                    .warn("cannot ask the DNS server of " + net + " on " + from.member() + ": no nslookup in "
                            + from.name());
        }
        daemonView(lab, from.member(), net).ifPresent(f::evidence);
        f.evidence(Connectivity.ENDPOINT + Connectivity.who(from)); // its NIC outside the bridge explains it too
        return f.remedy(Remedy.daemon("Restart the DHCP/DNS server (dnsmasq) of " + net + " through the daemon: a"
                + " config update makes every member restart it (`infra doctor --fix` does it, or set and unset"
                + " `ipv4.dhcp.expiry` on the network); restarting " + from.member() + "'s daemon restarts it too.",
                DaemonFix.restartDhcpDns(net)))
                .error("no DHCP/DNS server for " + net + " on " + from.member() + ": its dnsmasq does not answer at"
                        + " gateway " + gateway + " (clients there get leases only from another member)");
    }

    /** dnsmasq answered: an address, or a negative answer (the server is there, the name is not). */
    static boolean answered(int exit, String out) {
        if (out.contains("refused") || out.contains("timed out") || out.contains("no servers could be reached")) {
            return false;
        }
        return exit == 0 || out.contains("can't find") || out.contains("NXDOMAIN");
    }

    /** What the daemon says of the bridge on that member: there, up, with the gateway — while dnsmasq is not. */
    private static Optional<String> daemonView(LabView lab, String member, String net) {
        Read<NetworkState> state = lab.state(member, net);
        return state.get().map(s -> "the daemon's view (network state on " + member + "): " + net + " is "
                + s.state() + " with " + String.join(", ", s.addresses().stream().filter(a -> "inet".equals(
                        a.family())).map(a -> a.address() + "/" + a.netmask()).toList())
                + ", yet nothing serves DNS or DHCP there");
    }
}
