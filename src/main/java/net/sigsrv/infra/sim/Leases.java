package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.sigsrv.infra.values.Ipv4;

/**
 * The DHCP of managed bridges: a lease per NIC of a started instance, inside the bridge's CIDR, the reserved
 * {@code ipv4.address} when the NIC has one; and {@code GET /1.0/networks/NAME/leases} (gateway plus the project's
 * instances).
 */
final class Leases {

    private final SimModel m;
    /** Where the next free-address scan of each bridge starts (not saved: a restart scans from the start again). */
    private final Map<String, Long> cursor = new HashMap<>();

    Leases(SimModel m) {
        this.m = m;
    }

    ArrayNode list(SimState.Net n, String project) {
        m.project(project);
        ArrayNode a = J.arr();
        Networks.bridgeAddress(n).ifPresent(net -> a.add(J.obj().put("hostname", n.name + ".gw").put("hwaddr", "")
                .put("address", Ipv4.format(net.address())).put("type", "gateway").put("location", "")));
        Map<String, String> byMac = m.state.leases.getOrDefault(n.name, Map.of());
        for (SimState.Inst i : m.state.instances.values()) {
            if (!i.object.path("project").asText().equals(project) || !i.status.equals("Running")) {
                continue;
            }
            m.instances.nics(i).forEach((dev, nic) -> {
                String mac = i.object.path("config").path("volatile." + dev + ".hwaddr").asText(
                        nic.getOrDefault("hwaddr", ""));
                String address = byMac.get(mac);
                if (n.name.equals(nic.get("network")) && address != null) {
                    a.add(J.obj().put("hostname", i.object.path("name").asText()).put("hwaddr", mac)
                            .put("address", address).put("type", nic.containsKey("ipv4.address") ? "static"
                                    : "dynamic").put("location", i.location).put("project", project));
                }
                if (n.name.equals(nic.get("network"))) {
                    m.state.strayLeases.getOrDefault(n.name, java.util.List.of()).stream()
                            .filter(l -> l.get(0).equals(mac)).forEach(l -> a.add(J.obj().put("hostname", "*")
                                    .put("hwaddr", mac).put("address", l.get(1)).put("type", "dynamic")
                                    .put("location", l.get(2)).put("project", project)));
                }
            });
        }
        return a;
    }

    /**
     * The address the bridge's DHCP hands to {@code hwaddr}: the reserved one when the NIC has one, the one it had,
     * else the lowest free host address that is neither the gateway nor reserved by another NIC on the bridge.
     */
    String lease(String network, String hwaddr, String reserved) {
        SimState.Net n = m.networks.network(network);
        Ipv4.Cidr net = Networks.bridgeAddress(n).orElse(null);
        if (net == null) {
            return null;
        }
        Map<String, String> byMac = m.state.leases.computeIfAbsent(network, k -> new TreeMap<>());
        if (reserved != null && !reserved.isEmpty()) {
            byMac.put(hwaddr, reserved);
            return reserved;
        }
        if (byMac.containsKey(hwaddr)) {
            return byMac.get(hwaddr);
        }
        Set<String> taken = new HashSet<>(byMac.values());
        taken.add(Ipv4.format(net.address()));
        // reservations live on instances' own NICs (a profile cannot reserve one address for many instances):
        // reading the devices as stored keeps this linear pass cheap
        for (SimState.Inst i : m.state.instances.values()) {
            for (JsonNode d : i.object.path("devices")) {
                if (network.equals(d.path("network").asText()) && d.has("ipv4.address")) {
                    taken.add(d.path("ipv4.address").asText());
                }
            }
        }
        // scan on from the last address handed out (wrapping once): the lowest free one on a fresh bridge, and
        // no rescan of the whole range for every new instance
        long first = net.firstHost();
        long last = net.lastHost();
        long size = last - first + 1;
        long start = Math.max(first, Math.min(last, cursor.getOrDefault(network, first)));
        for (long step = 0; step < size; step++) {
            long a = first + (start - first + step) % size;
            String text = Ipv4.format(a);
            if (!taken.contains(text)) {
                byMac.put(hwaddr, text);
                cursor.put(network, a + 1);
                m.changed();
                return text;
            }
        }
        return null;
    }
}
