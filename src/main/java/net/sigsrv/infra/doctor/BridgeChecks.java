package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.spec.model.Network;

/**
 * Steps 4 and 5 of the cross-host workflow, on every Online member: the bridge exists and its VLAN interface is
 * attached (the bridge's {@code upper_devices}, not its config: a missing interface is only logged by the daemon);
 * the interface is up, has the spec's VLAN id where it is a VLAN, the bridge's MTU, and no global address. Subjects
 * are the interface (or the bridge when it is missing); remedies are the exact {@code ip} commands for that host,
 * built from checked values by {@link HostRemedy} (a name the kernel allows but the checks refuse leaves the remedy
 * to be done by hand). {@code ip} is always given {@code dev IFACE}, so no interface name is read as a keyword.
 */
final class BridgeChecks {

    private BridgeChecks() {
    }

    static List<Finding> run(LabView lab) {
        return run(lab, Map.of());
    }

    /** {@code holders}: per member, the other bridge that holds an interface missing from its own ({@link
     * ForeignBridges}). */
    static List<Finding> run(LabView lab, Map<String, Map<String, ForeignBridges.Holder>> holders) {
        List<Finding> out = new ArrayList<>();
        lab.vlanInterfaces().forEach((net, perMember) -> perMember.forEach((member, ifaces) ->
                out.addAll(onMember(lab, net, member, ifaces, holders.getOrDefault(member, Map.of())))));
        return out;
    }

    private static List<Finding> onMember(LabView lab, String net, String member, List<String> ifaces,
                                          Map<String, ForeignBridges.Holder> holders) {
        List<Finding> out = new ArrayList<>();
        Read<NetworkState> bridgeRead = lab.state(member, net);
        if (!bridgeRead.ok()) {
            Finding.Builder f = Finding.of(Check.BRIDGE_ATTACHED, member, net).network(net)
                    .evidence("GET /1.0/networks/" + net + "/state?target=" + member + ": " + bridgeRead.error());
            if (bridgeRead.notFound()) {
                out.add(f.remedy(Remedy.say("Create bridge " + net + " on " + member + " (`infra apply SPEC`)."))
                        .error("bridge " + net + " does not exist on " + member));
            } else {
                out.add(f.unreadable().error("cannot read bridge " + net + " on " + member));
            }
            return out;
        }
        NetworkState bridge = bridgeRead.value();
        List<String> upper = bridge.bridge() == null ? List.of() : bridge.bridge().upperDevices();
        OptionalLong vid = lab.spec().flatMap(s -> s.network(net)).map(Network::vlan).orElse(OptionalLong.empty());
        for (String iface : ifaces) {
            Read<NetworkState> read = lab.state(member, iface);
            if (!read.ok()) {
                Finding.Builder f = Finding.of(Check.BRIDGE_ATTACHED, member, iface).network(net)
                        .evidence("GET /1.0/networks/" + iface + "/state?target=" + member + ": " + read.error());
                out.add(read.notFound()
                        ? f.remedy(MissingVlan.remedy(lab, net, member, iface, vid)).error("VLAN interface "
                                + iface + " of bridge " + net + " does not exist on " + member)
                        : f.unreadable().error("cannot read interface " + iface + " on " + member));
                continue;
            }
            NetworkState s = read.value();
            out.add(attached(lab, net, member, iface, upper, holders.get(iface)));
            List<String> members = lab.memberNames();
            out.add(up(members, net, member, iface, s));
            if (vid.isPresent()) {
                out.add(vlanId(members, net, member, iface, s, vid.getAsLong()));
            }
            out.add(mtu(members, net, member, iface, s, bridge));
            out.add(unconfigured(members, net, member, iface, s));
        }
        return out;
    }

    private static Finding attached(LabView lab, String net, String member, String iface, List<String> upper,
                                    ForeignBridges.Holder foreign) {
        Finding.Builder f = Finding.of(Check.BRIDGE_ATTACHED, member, iface).network(net)
                .evidence("upper devices of " + net + " on " + member + ": " + (upper.isEmpty() ? "none"
                        : String.join(", ", upper)));
        if (upper.contains(iface)) {
            return f.ok(iface + " is attached to " + net + " on " + member);
        }
        // an interface can be in one bridge only: another bridge claiming the same one holds it now
        List<String> holders = lab.vlanInterfaces().entrySet().stream().filter(e -> !e.getKey().equals(net)
                && e.getValue().getOrDefault(member, List.of()).contains(iface)
                && lab.state(member, e.getKey()).get().map(s -> s.bridge() != null
                        && s.bridge().upperDevices().contains(iface)).orElse(false)).map(e -> e.getKey()).toList();
        if (!holders.isEmpty()) {
            return f.evidence(iface + " is in bridge " + holders.getFirst() + ", which also claims it")
                    .remedy(Remedy.say("An interface can be in one bridge only: give " + net + " or "
                            + holders.getFirst() + " another VLAN interface (and remove the one that should not"
                            + " exist, e.g. `infra destroy` of the lab that made it)."))
                    .error(iface + " is held by bridge " + holders.getFirst() + ", not " + net + ", on " + member);
        }
        if (foreign != null) {
            return stolen(lab, f, net, member, iface, foreign);
        }
        HostRemedy r = HostRemedy.on(member, lab.memberNames());
        r.run("ip", "link", "set", "dev", r.iface(iface), "master", r.bridge(net));
        return f.remedy(r.remedy("Attach " + iface + " to bridge " + net + " on " + member + ".", "`ip -br link`"
                        + " shows the interfaces and `bridge link` what each bridge holds."))
                .error(iface + " is not attached to bridge " + net + " on " + member);
    }

    /**
     * The interface is in a bridge that does not claim it (made by hand or by another tool): named, taken out of it
     * and attached to its own bridge. The foreign bridge itself is left alone: something else may use it.
     */
    private static Finding stolen(LabView lab, Finding.Builder f, String net, String member, String iface,
                                  ForeignBridges.Holder foreign) {
        HostRemedy r = HostRemedy.on(member, lab.memberNames());
        String dev = r.iface(iface);
        String other = foreign.bridge(); // named, never an argument: --fix does not touch it
        r.run("ip", "link", "set", "dev", dev, "nomaster");
        r.run("ip", "link", "set", "dev", dev, "master", r.bridge(net));
        String what = foreign.managed() ? "a network of the daemon that does not claim " + iface
                : "not a network of the daemon (made by hand or by another tool)";
        return f.evidence("upper devices of " + other + " on " + member + ": " + String.join(", ",
                        foreign.upperDevices()) + "; " + other + " is " + what)
                .remedy(r.remedy("Take " + iface + " out of bridge " + foreign.bridge() + " and attach it to bridge "
                        + net + " on " + member + ". --fix leaves bridge " + foreign.bridge() + " itself in place"
                        + " (something else may use it): once nothing needs it, delete it by hand (`ip link del dev "
                        + HostCommand.quote(other) + "` on " + member + ").", "`bridge link` shows what each bridge"
                        + " holds."))
                .error(iface + " is attached to bridge " + foreign.bridge() + " on " + member);
    }

    private static Finding up(List<String> members, String net, String member, String iface, NetworkState s) {
        Finding.Builder f = Finding.of(Check.VLAN_UP, member, iface).network(net).evidence("state of " + iface
                + " on " + member + ": " + s.state());
        if ("up".equalsIgnoreCase(s.state())) {
            return f.ok(iface + " is up on " + member);
        }
        HostRemedy r = HostRemedy.on(member, members);
        r.run("ip", "link", "set", "dev", r.iface(iface), "up");
        return f.remedy(r.remedy("Bring " + iface + " up on " + member + ".", "`ip -br link` shows the"
                + " interfaces and their state.")).error(iface + " is " + s.state() + " on "
                + member);
    }

    private static Finding vlanId(List<String> members, String net, String member, String iface, NetworkState s,
                                  long want) {
        Finding.Builder f = Finding.of(Check.VLAN_ID, member, iface).network(net);
        if (s.vlan() == null) {
            return f.evidence(iface + " on " + member + " has no 802.1q information (not a VLAN device)")
                    .ok(iface + " on " + member + " is not a VLAN device; its id is not checked");
        }
        f.evidence("vlan of " + iface + " on " + member + ": id " + s.vlan().vid() + " on " + s.vlan().lowerDevice());
        if (s.vlan().vid() == want) {
            return f.ok(iface + " carries VLAN " + want + " on " + member);
        }
        // two commands where a shell would say `a && b`: --fix stops at the first that fails
        HostRemedy r = HostRemedy.on(member, members);
        String dev = r.iface(iface);
        r.run("ip", "link", "del", "dev", dev);
        r.run("ip", "link", "add", "link", r.iface(s.vlan().lowerDevice()), "name", dev, "type", "vlan", "id",
                Long.toString(want));
        return f.remedy(r.remedy("Recreate " + iface + " on " + member + " with VLAN id " + want + ".", "`ip -d"
                        + " link show` shows each VLAN interface with its id and lower device."))
                .error(iface + " carries VLAN " + s.vlan().vid() + " on " + member + ", the spec says " + want);
    }

    private static Finding mtu(List<String> members, String net, String member, String iface, NetworkState s,
                               NetworkState bridge) {
        Finding.Builder f = Finding.of(Check.VLAN_MTU, member, iface).network(net).evidence("mtu of " + iface
                + " on " + member + ": " + s.mtu() + "; of bridge " + net + ": " + bridge.mtu());
        if (s.mtu() == bridge.mtu()) {
            return f.ok(iface + " has the MTU of " + net + " (" + s.mtu() + ") on " + member);
        }
        HostRemedy r = HostRemedy.on(member, members);
        r.run("ip", "link", "set", "dev", r.iface(iface), "mtu", Long.toString(bridge.mtu()));
        return f.remedy(r.remedy("Give " + iface + " the bridge's MTU on " + member + ".", "`ip link show` shows"
                        + " each interface's MTU."))
                .error(iface + " has MTU " + s.mtu() + " on " + member + ", bridge " + net + " has " + bridge.mtu());
    }

    private static Finding unconfigured(List<String> members, String net, String member, String iface,
                                        NetworkState s) {
        List<NetworkState.Address> global = s.globalAddresses();
        Finding.Builder f = Finding.of(Check.VLAN_UNCONFIGURED, member, iface).network(net);
        if (global.isEmpty()) {
            return f.evidence("global addresses of " + iface + " on " + member + ": none")
                    .ok(iface + " carries no global address on " + member);
        }
        HostRemedy r = HostRemedy.on(member, members);
        List<String> cidrs = new ArrayList<>();
        for (NetworkState.Address a : global) {
            cidrs.add(a.address() + "/" + a.netmask());
            r.run("ip", "addr", "del", r.cidr(a.address(), a.netmask()), "dev", r.iface(iface));
        }
        f.evidence("global addresses of " + iface + " on " + member + ": " + String.join(", ", cidrs));
        return f.remedy(r.remedy("Remove the address from " + iface + " on " + member + " (a bridged interface"
                        + " must be unconfigured; bridge " + net + " carries the segment's addresses).", "`ip -br"
                        + " addr` shows each interface's addresses."))
                .error(iface + " carries " + String.join(", ", cidrs) + " on " + member);
    }
}
