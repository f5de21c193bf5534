package net.sigsrv.infra.sim;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands an instance can run in the simulation, answering like busybox would: {@code ping} (succeeds only
 * when a layer-2 path exists: same bridge, and either the same member or the bridge's external interface attached
 * and up on both members; across members, a packet larger than the smallest MTU of the two members' VLAN interfaces
 * and bridges is lost, as the lab's bridges and veths drop it; busybox's {@code -s SIZE}, and like busybox no
 * {@code -M}), {@code nslookup NAME GATEWAY} (refused where the member's dnsmasq is killed),
 * {@code ip addr}, {@code hostname}, {@code echo}, {@code true}, {@code false},
 * {@code sh -c "…"}. Anything else is "not found" (exit 127).
 */
final class Probes {

    record Result(int exit, String stdout, String stderr) {
    }

    private final SimModel m;
    private final Instances instances;

    Probes(SimModel m, Instances instances) {
        this.m = m;
        this.instances = instances;
    }

    Result run(SimState.Inst self, List<String> command) {
        if (command.isEmpty()) {
            return new Result(127, "", "sh: : not found\n");
        }
        String name = self.object.path("name").asText();
        return switch (command.getFirst()) {
            case "sh", "/bin/sh" -> command.size() == 3 && command.get(1).equals("-c")
                    ? run(self, List.of(command.get(2).trim().split("\\s+"))) : new Result(2, "", "sh: usage\n");
            case "true" -> new Result(0, "", "");
            case "false" -> new Result(1, "", "");
            case "hostname" -> new Result(0, name + "\n", "");
            case "echo" -> new Result(0, String.join(" ", command.subList(1, command.size())) + "\n", "");
            case "ip" -> new Result(0, ipAddr(self), "");
            case "ping" -> ping(self, command);
            case "nslookup" -> nslookup(self, command);
            default -> new Result(127, "", "sh: " + command.getFirst() + ": not found\n");
        };
    }

    private String ipAddr(SimState.Inst self) {
        StringBuilder s = new StringBuilder("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536\n    inet 127.0.0.1/8 scope host lo\n");
        int n = 2;
        for (var e : instances.addresses(self).entrySet()) {
            s.append(n++).append(": ").append(e.getKey()).append(": <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\n");
            if (e.getValue()[0] != null) {
                s.append("    inet ").append(e.getValue()[0]).append('/').append(e.getValue()[1])
                        .append(" scope global ").append(e.getKey()).append('\n');
            }
        }
        return s.toString();
    }

    private Result ping(SimState.Inst self, List<String> command) {
        String target = command.getLast();
        int size = 56;
        for (int i = 1; i < command.size() - 1; i++) {
            if (command.get(i).equals("-M")) {
                return new Result(1, "", "ping: invalid option -- 'M'\nBusyBox v1.35.0 multi-call binary.\n\n"
                        + "Usage: ping [OPTIONS] HOST\n");
            }
            if (command.get(i).equals("-s") && command.get(i + 1).matches("\\d{1,5}")) {
                size = Integer.parseInt(command.get(i + 1));
            }
        }
        String head = "PING " + target + " (" + target + "): " + size + " data bytes\n";
        // a packet larger than the sender's eth0 (1500) leaves in fragments of that size
        if (reachable(self, target, Math.min(size + 28, 1500))) {
            return new Result(0, head + (size + 8) + " bytes from " + target + ": seq=0 ttl=64 time=0.081 ms\n\n--- "
                    + target
                    + " ping statistics ---\n1 packets transmitted, 1 packets received, 0% packet loss\n"
                    + "round-trip min/avg/max = 0.081/0.081/0.081 ms\n", "");
        }
        return new Result(1, head + "\n--- " + target + " ping statistics ---\n1 packets transmitted, 0 packets"
                + " received, 100% packet loss\n", "");
    }

    /**
     * busybox's {@code nslookup NAME SERVER}, as the real lab answers it: a query to the gateway of a bridge the
     * instance is on reaches its own member's dnsmasq (every member's bridge has the gateway address), which
     * answers for {@code _gateway.DOMAIN} — or, killed, the member refuses the query at once.
     */
    private Result nslookup(SimState.Inst self, List<String> command) {
        if (command.size() != 3) {
            return new Result(1, "", "BusyBox nslookup: usage: nslookup [-type=QUERY_TYPE] HOST [DNS_SERVER]\n");
        }
        String name = command.get(1);
        String server = command.get(2);
        for (String[] mine : instances.addresses(self).values()) {
            SimState.Net n = mine[0] == null ? null : m.state.networks.get(mine[3]);
            if (!Networks.gateway(n).equals(Optional.of(server))) {
                continue;
            }
            if (n.dhcpDown.contains(self.location)) {
                return new Result(1, ";; connection timed out; no servers could be reached\n\n",
                        "nslookup: write to '" + server + "': Connection refused\n");
            }
            String head = "Server:\t\t" + server + "\nAddress:\t" + server + ":53\n\n";
            if (name.startsWith("_gateway.")) {
                return new Result(0, head + "Name:\t" + name + "\nAddress: " + server + "\n\n", "");
            }
            return new Result(1, head + "** server can't find " + name + ": NXDOMAIN\n\n", "");
        }
        return new Result(1, ";; connection timed out; no servers could be reached\n\n", "");
    }

    private boolean reachable(SimState.Inst self, String target, int packet) {
        if (target.equals("127.0.0.1")) {
            return true;
        }
        for (var nic : instances.addresses(self).entrySet()) {
            String[] mine = nic.getValue();
            String network = mine[3];
            if (mine[0] == null) {
                continue;
            }
            if (target.equals(mine[0])) {
                return true;
            }
            if (!instances.inBridge(self, nic.getKey(), network)) {
                continue; // its bridge is gone on this member, or its veth is outside it: nothing answers
            }
            SimState.Net n = m.state.networks.get(network);
            if (Networks.gateway(n).equals(Optional.of(target))) {
                return true;
            }
            for (SimState.Inst other : m.state.instances.values()) {
                if (other == self || !other.status.equals("Running")) {
                    continue;
                }
                for (var their : instances.addresses(other).entrySet()) {
                    String[] theirs = their.getValue();
                    if (target.equals(theirs[0]) && network.equals(theirs[3])
                            && instances.inBridge(other, their.getKey(), network)
                            && linked(network, self.location, other.location, packet)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the bridge on two members shares a segment: an external interface attached and up on both, carrying
     * the same VLAN id, and no MTU along it (interfaces and bridges on both members) below {@code packet}.
     */
    private boolean linked(String network, String a, String b, int packet) {
        if (a.equals(b)) {
            return true;
        }
        Map<String, SimState.Iface> left = m.member(a).ifaces;
        Map<String, SimState.Iface> right = m.member(b).ifaces;
        for (SimState.Iface l : left.values()) {
            SimState.Iface r = right.get(l.name);
            if (r != null && network.equals(l.master) && network.equals(r.master) && l.up && r.up && l.vid == r.vid) {
                SimState.Net n = m.state.networks.get(network);
                return n == null || (packet <= Math.min(l.mtu, r.mtu) && packet <= Networks.bridgeMtu(n, m.member(a))
                        && packet <= Networks.bridgeMtu(n, m.member(b)));
            }
        }
        return false;
    }
}
