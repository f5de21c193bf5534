package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.spec.model.Nic;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Spec;

/**
 * Step 1: each running instance's NICs are on the networks the spec gives them (the instance's own NICs over its
 * profiles', the project's default profile first), are ports of that bridge on their member (the host side of the
 * veth, {@code host_name} in the instance's state, among the bridge's {@code upper_devices}: a bridge deleted and
 * set up again does not take its instances back), and hold an IPv4 address.
 */
final class NicCheck {

    private NicCheck() {
    }

    static List<Finding> run(LabView lab, List<Instance> instances) {
        List<Finding> out = new ArrayList<>();
        for (Instance i : instances) {
            if (!i.isRunning()) {
                continue;
            }
            Map<String, String> expected = lab.spec().map(s -> expected(s, i.project(), i.name()))
                    .orElse(Map.of());
            String who = i.project().equals("default") ? i.name() : i.project() + "/" + i.name();
            for (Map.Entry<String, Map<String, String>> d : i.expandedDevices().entrySet()) {
                Map<String, String> dev = d.getValue();
                if (!"nic".equals(dev.get("type"))) {
                    continue;
                }
                String net = dev.getOrDefault("network", dev.getOrDefault("parent", ""));
                String iface = dev.getOrDefault("name", d.getKey());
                Finding.Builder f = Finding.of(Check.INSTANCE_NIC, i.location(), who + ":" + d.getKey())
                        .evidence(who + " device " + d.getKey() + ": network " + net + ", interface " + iface);
                String want = expected.get(d.getKey());
                if (want != null && !want.equals(net)) {
                    out.add(f.remedy(Remedy.say("Put NIC " + d.getKey() + " of " + who + " on " + want
                            + ": `infra apply SPEC`.")).error(who + " " + d.getKey() + " is on " + net
                            + ", the spec says " + want));
                    continue;
                }
                Optional<Finding> outside = hostSide(lab, i, who, d.getKey(), net, iface, f);
                if (outside.isPresent()) {
                    out.add(outside.get());
                    continue;
                }
                Optional<String> address = Connectivity.ipv4(i.state(), iface);
                if (address.isPresent()) {
                    out.add(f.evidence(iface + " has " + address.get()).ok(who + " " + d.getKey() + " on " + net
                            + " has " + address.get()));
                } else {
                    out.add(f.evidence(iface + " has no global IPv4 address").remedy(Remedy.say("Check the DHCP"
                            + " server of " + net + " on " + i.location() + " and the bridge checks; restart"
                            + " the instance's DHCP client.")).error(who + " " + d.getKey() + " on " + net
                            + " holds no IPv4 address (no lease)"));
                }
            }
        }
        out.addAll(missingFromSpec(lab, instances));
        return out;
    }

    /**
     * The host side of a NIC on a managed bridge that is not a port of that bridge on the instance's member: the
     * bridge is gone there (then that is the root, {@link RootCauses}), or its veth was left outside (the daemon sets
     * a deleted bridge up again without its instances' veths). Nothing when the bridge's state on the member was not
     * read, or the instance's state names no host side.
     */
    private static Optional<Finding> hostSide(LabView lab, Instance i, String who, String dev, String net,
                                              String iface, Finding.Builder f) {
        NetworkState nic = i.state() == null ? null : i.state().network().get(iface);
        String veth = nic == null || nic.hostName() == null ? "" : nic.hostName();
        String member = i.location();
        if (veth.isEmpty() || lab.bridges().stream().noneMatch(b -> b.name().equals(net))) {
            return Optional.empty();
        }
        Read<NetworkState> bridge = lab.state(member, net);
        f.network(net).evidence("host side of " + who + " " + dev + ": " + veth);
        if (bridge.notFound()) {
            return Optional.of(f.evidence("GET /1.0/networks/" + net + "/state?target=" + member + ": "
                    + bridge.error()).remedy(Remedy.say("Create bridge " + net + " on " + member + " (`infra apply"
                    + " SPEC`), then attach " + veth + " to it.")).error(who + " " + dev + " is outside bridge " + net
                    + " on " + member + ": the bridge does not exist there"));
        }
        if (!bridge.ok() || bridge.value().bridge() == null) {
            return Optional.empty();
        }
        List<String> upper = bridge.value().bridge().upperDevices();
        if (upper.contains(veth)) {
            return Optional.empty();
        }
        HostRemedy r = HostRemedy.on(member, lab.memberNames());
        r.run("ip", "link", "set", "dev", r.iface(veth), "master", r.bridge(net));
        return Optional.of(f.evidence("upper devices of " + net + " on " + member + ": " + (upper.isEmpty() ? "none"
                : String.join(", ", upper))).remedy(r.remedy("Attach the host side of " + who + " " + dev + " ("
                + veth + ") to bridge " + net + " on " + member + ".", "`bridge link` shows what each bridge holds;"
                + " restarting the instance also gives it a new port.")).error(who + " " + dev + " is outside bridge "
                + net + " on " + member + ": its host side " + veth + " is not attached"));
    }

    /**
     * Instances the spec wants running that are not. On a member that does not answer they cannot be seen at all:
     * that finding is then only a consequence of the member's state.
     */
    private static List<Finding> missingFromSpec(LabView lab, List<Instance> instances) {
        List<Finding> out = new ArrayList<>();
        lab.spec().ifPresent(s -> s.instances().forEach(want -> {
            if (!"running".equalsIgnoreCase(want.state()) || !lab.instances().ok()) {
                return;
            }
            boolean there = instances.stream().anyMatch(i -> i.name().equals(want.name())
                    && i.project().equals(want.project()) && i.isRunning());
            if (there) {
                return;
            }
            String who = want.project().equals("default") ? want.name() : want.project() + "/" + want.name();
            String host = want.target().orElse("");
            Finding.Builder f = Finding.of(Check.INSTANCE_NIC, host, who).evidence("the spec names it; the lab"
                    + " has no running instance " + who).remedy(Remedy.say("`infra apply SPEC` creates and starts"
                    + " it."));
            if (!host.isEmpty() && !lab.isOnline(host)) {
                f.unreadable();
            }
            out.add(f.warn("instance " + who + " of the spec is not running"));
        }));
        return out;
    }

    static boolean isNicOn(Map<String, String> device, String net) {
        return "nic".equals(device.get("type")) && (net.equals(device.get("network"))
                || net.equals(device.get("parent")));
    }

    /** NIC device name → network, as the spec gives them to an instance. */
    static Map<String, String> expected(Spec spec, String project, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.instances().stream().filter(i -> i.name().equals(name) && i.project().equals(project)).findFirst()
                .ifPresent(i -> {
                    List<String> profiles = i.profiles().isEmpty() ? List.of("default") : i.profiles();
                    for (String p : profiles) {
                        profile(spec, project, p).ifPresent(pr -> pr.settings().nics()
                                .forEach(n -> out.put(n.name(), n.network())));
                    }
                    for (Nic n : i.settings().nics()) {
                        out.put(n.name(), n.network());
                    }
                });
        return out;
    }

    private static Optional<Profile> profile(Spec spec, String project, String name) {
        Optional<Profile> p = spec.profiles().stream().filter(x -> x.project().equals(project)
                && x.name().equals(name)).findFirst();
        if (p.isEmpty() && name.equals("default")) {
            p = spec.project(project).flatMap(net.sigsrv.infra.spec.model.Project::defaultProfile);
        }
        return p;
    }
}
