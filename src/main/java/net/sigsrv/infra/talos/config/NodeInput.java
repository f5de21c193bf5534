package net.sigsrv.infra.talos.config;

import java.util.regex.Pattern;
import net.sigsrv.infra.values.Ipv4;

/**
 * What config generation needs to know of one node, decided by the node plan before anything boots.
 *
 * @param name        node (and VM, and host) name, e.g. {@code p1-worker-3}
 * @param group       the cluster node group it belongs to
 * @param address     its reserved IPv4 address on the cluster's network
 * @param installDisk the disk Talos installs to, e.g. {@code /dev/sda}
 * @param host        the Incus member it runs on (becomes a node label)
 */
public record NodeInput(String name, String group, String address, String installDisk, String host) {

    private static final Pattern DISK = Pattern.compile("/dev/[A-Za-z0-9/._-]+");

    public NodeInput {
        if (name == null || name.isBlank() || group == null || group.isBlank() || host == null || host.isBlank()) {
            throw new IllegalArgumentException("node " + name + ": name, group and host are required");
        }
        if (address == null || Ipv4.parseAddress(address).isEmpty()) {
            throw new IllegalArgumentException("node " + name + ": address '" + address + "' is not an IPv4 address");
        }
        if (installDisk == null || !DISK.matcher(installDisk).matches()) {
            throw new IllegalArgumentException("node " + name + ": install disk '" + installDisk
                    + "' is not a /dev path");
        }
    }
}
