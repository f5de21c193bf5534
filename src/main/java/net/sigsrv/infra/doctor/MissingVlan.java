package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import net.sigsrv.infra.incus.api.NetworkState;

/**
 * The remedy of a VLAN interface that does not exist on a member: the 802.1q command that creates it, then the
 * attach and the link. The spec gives the interface's name and VLAN id but not the host NIC it sits on (its
 * parent), so the command cannot be complete: the remedy writes {@code PARENT} where that NIC goes, says what it
 * is, names the NIC the interface sits on at the other members where the daemon reports it, and is not automated
 * ({@code --fix} runs nothing for it).
 */
final class MissingVlan {

    private MissingVlan() {
    }

    static Remedy remedy(LabView lab, String net, String member, String iface, OptionalLong vid) {
        String create = vid.isPresent()
                ? "`ip link add link PARENT name " + HostCommand.quote(iface) + " type vlan id " + vid.getAsLong()
                        + "`, where PARENT is the host NIC of " + member + " that carries VLAN " + vid.getAsLong()
                        + " to the other members"
                : "the interface that carries the segment of " + net + " (the spec gives " + net + " no `vlan`, so"
                        + " its VLAN id is not known here)";
        String attach = "`ip link set dev " + HostCommand.quote(iface) + " master " + HostCommand.quote(net)
                + "` and `ip link set dev " + HostCommand.quote(iface) + " up`";
        String why = "the spec names no parent NIC for " + iface + " (`interface` gives its name, `vlan` its id,"
                + " nothing the NIC it sits on)";
        return Remedy.refused("Not automated (--fix runs nothing for it): " + why + ". Create " + iface + " on "
                + member + ": " + create + hint(lab, net, member, iface) + "; then attach it and bring it up: "
                + attach + ".", why);
    }

    /** "(on minisrv, user0 is VLAN 24 on eth1)": where the daemon shows the interface on the other members. */
    private static String hint(LabView lab, String net, String member, String iface) {
        List<String> seen = new ArrayList<>();
        lab.vlanInterfaces().getOrDefault(net, java.util.Map.of()).forEach((other, ifaces) -> {
            if (other.equals(member) || !ifaces.contains(iface)) {
                return;
            }
            lab.state(other, iface).get().map(NetworkState::vlan).ifPresent(v -> seen.add("on " + other + ", "
                    + iface + " is VLAN " + v.vid() + " on " + v.lowerDevice()));
        });
        return seen.isEmpty() ? "" : " (" + String.join("; ", seen) + ")";
    }
}
