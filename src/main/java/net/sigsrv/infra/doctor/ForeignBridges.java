package net.sigsrv.infra.doctor;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkState;

/**
 * Which other bridge holds a VLAN interface that is missing from its own bridge: a bridge made by hand (or by
 * another tool) can take the interface, and then the lab's bridge has lost its segment while every API read of the
 * interface itself looks healthy. The interface's state has no {@code master}; only the holding bridge's {@code
 * upper_devices} names it, so the member's bridges are listed and each one's state read. Read only for members
 * where an interface is missing from its bridge (nothing is asked on a healthy lab).
 *
 * <p>LXD 5.0.2 answers {@code GET /1.0/networks} with the interfaces of the member that answers, whatever {@code
 * ?target=} says (single-network reads and {@code /state} are forwarded). So the member's own list is asked at the
 * member's own URL when the doctor speaks HTTPS (same client certificate and pinned server certificates), and the
 * list with {@code ?target=} is asked too (the simulator and a member the client is on answer it for that member).
 */
final class ForeignBridges {

    private ForeignBridges() {
    }

    /** A bridge holding an interface that belongs to another bridge. {@code managed}: a network of the daemon. */
    record Holder(String bridge, boolean managed, List<String> upperDevices) {
    }

    /** Per member, per interface missing from its bridge: the bridge that holds it (absent when none is found). */
    static Map<String, Map<String, Holder>> read(IncusClient client, LabView lab) {
        Map<String, Map<String, Holder>> out = new LinkedHashMap<>();
        Map<String, Set<String>> missing = missing(lab);
        missing.forEach((member, ifaces) -> {
            Map<String, Holder> found = new LinkedHashMap<>();
            for (Network n : bridgesOn(client, lab, member)) {
                if (found.size() == ifaces.size()) {
                    break;
                }
                Read<NetworkState> s = lab.state(member, n.name()).ok() ? lab.state(member, n.name())
                        : Read.of(() -> client.networks().state(n.name(), member));
                s.get().filter(st -> st.bridge() != null).ifPresent(st -> st.bridge().upperDevices().stream()
                        .filter(ifaces::contains).forEach(i -> found.putIfAbsent(i, new Holder(n.name(),
                                n.managed(), st.bridge().upperDevices()))));
            }
            if (!found.isEmpty()) {
                out.put(member, found);
            }
        });
        return out;
    }

    /** Per member: the VLAN interfaces that exist but are not in their bridge's upper devices. */
    private static Map<String, Set<String>> missing(LabView lab) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        lab.vlanInterfaces().forEach((net, perMember) -> perMember.forEach((member, ifaces) -> {
            Read<NetworkState> bridge = lab.state(member, net);
            if (!bridge.ok()) {
                return;
            }
            List<String> upper = bridge.value().bridge() == null ? List.of() : bridge.value().bridge().upperDevices();
            for (String iface : ifaces) {
                if (!upper.contains(iface) && lab.state(member, iface).ok()) {
                    out.computeIfAbsent(member, m -> new LinkedHashSet<>()).add(iface);
                }
            }
        }));
        return out;
    }

    /** The bridges of {@code member} (managed or not), from every list that can name them. */
    private static List<Network> bridgesOn(IncusClient client, LabView lab, String member) {
        Map<String, Network> out = new LinkedHashMap<>();
        List<Read<List<Network>>> lists = new ArrayList<>();
        lists.add(Read.of(() -> lab.clustered() ? client.networks().listOnMember(null, member)
                : client.networks().list(null)));
        if (lab.clustered() && client.endpoint() instanceof Endpoint.Https h) {
            lab.members().stream().filter(m -> m.serverName().equals(member)).map(ClusterMember::url)
                    .filter(u -> u != null && u.startsWith("https://")).findFirst()
                    .ifPresent(u -> lists.add(Read.of(() -> listAt(h, u))));
        }
        for (Read<List<Network>> l : lists) {
            l.get().orElse(List.of()).stream().filter(n -> "bridge".equals(n.type()))
                    .forEach(n -> out.putIfAbsent(n.name(), n));
        }
        return List.copyOf(out.values());
    }

    /** {@code GET /1.0/networks?recursion=1} at a member's own URL, with the doctor's own credentials. */
    private static List<Network> listAt(Endpoint.Https via, String url) {
        try (IncusClient member = IncusClient.connect(new Endpoint.Https(URI.create(url), via.clientCert(),
                via.clientKey(), via.pinned()))) {
            return member.networks().list(null);
        } catch (IllegalArgumentException e) {
            throw new IncusException(IncusException.Kind.UNREACHABLE, 0, url + ": " + e.getMessage(), e);
        }
    }
}
