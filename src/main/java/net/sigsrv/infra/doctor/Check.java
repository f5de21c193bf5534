package net.sigsrv.infra.doctor;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every check the doctor runs, with its stable ID, area, what it checks and the usual remedy (docs/doctor.md's check
 * table is generated from these). Order is report order within an area; the network checks follow the cross-host
 * workflow: NIC and lease, gateway, cross-host ping, then the bridge and VLAN interface on every member that
 * explain a failed ping.
 */
public enum Check {
    MEMBER_ONLINE("cluster-member-online", Area.CLUSTER,
            "Every cluster member is Online (else the daemon's own message, e.g. \"No heartbeat for 29s\").",
            "Start the member's daemon (`systemctl start incus`; in the test lab `lab/fault start-member HOST`);"
                    + " it rejoins by itself."),
    MEMBERS_IN_SPEC("cluster-members-in-spec", Area.CLUSTER,
            "The hosts the spec names are cluster members, and every member is in the spec.",
            "Join the missing host (`incus cluster add`), or fix the spec's `hosts`."),
    DATABASE("cluster-database", Area.CLUSTER,
            "The cluster has a database leader, and every member with a database role is Online.",
            "Bring the database members back; with one voter left, restore it first."),
    VERSIONS("cluster-versions", Area.CLUSTER,
            "Every member runs the same server version with the same api_extensions.",
            "Upgrade the members that lag behind to the same release."),

    INSTANCE_NIC("network-instance-nic", Area.NETWORK,
            "Each running instance's NIC is on the network the spec says, its host side (veth) is a port of that"
                    + " bridge on its member, and it holds an IPv4 address (a lease).",
            "Attach the NIC to the right network (`infra apply SPEC`); a host side outside the bridge: `ip link set"
                    + " dev VETH master BRIDGE` on that host; without a lease, see the bridge checks."),
    INSTANCE_ADDRESS("network-instance-address", Area.NETWORK,
            "A running instance whose NIC reserves an address (`ipv4.address`, the spec's `ipv4:` on a NIC) holds"
                    + " that address and no other; each other one is traced to the member whose DHCP server leased"
                    + " it (the bridge's leases).",
            "Remove the other address inside the instance (`infra instance exec … ip addr del`), or restart it so"
                    + " that it asks DHCP again."),
    GATEWAY_PING("network-gateway-ping", Area.NETWORK,
            "From an instance on each member, its bridge's gateway answers ping.",
            "Check the instance's address and the bridge's `ipv4.address` on that member; a missing bridge or a NIC"
                    + " outside it is shown as its cause."),
    DHCP_DNS("network-dhcp-dns", Area.NETWORK,
            "On every member, each managed bridge's DHCP and DNS server (the member's own dnsmasq) answers: a DNS"
                    + " query to the gateway from an instance on that member (the gateway address is the member's"
                    + " own bridge, so no other member can answer for it).",
            "Restart the network's DHCP/DNS server through the daemon (`infra doctor --fix`: a config update that"
                    + " makes every member restart dnsmasq for that bridge, then the config put back)."),
    DHCP_LEASES("network-dhcp-leases", Area.NETWORK,
            "No address is leased to two NICs by the members' DHCP servers of one bridge (each member's dnsmasq"
                    + " keeps its own leases; one refuses a client on the strength of a lease the other gave).",
            "Reserve the instances' addresses (the NIC's `ipv4.address` in the spec) outside `ipv4.dhcp.ranges`,"
                    + " and restart the NICs that hold a conflicting lease."),
    CROSS_HOST_PING("network-cross-host-ping", Area.NETWORK,
            "Instances on different members ping each other over each bridge (short-lived probe containers in"
                    + " project `infra-doctor` when no instances fit).",
            "Fix the bridge or VLAN interface finding that explains it (shown as its cause)."),
    PATH_MTU("network-path-mtu", Area.NETWORK,
            "Full-size frames cross between members over each bridge: a ping of the segment's MTU (payload MTU-28,"
                    + " sent whole with the don't-fragment bit) from an instance or probe on each member to the"
                    + " others, both ways.",
            "Fix the MTU finding that explains it (shown as its cause)."),
    BRIDGE_ATTACHED("network-bridge-attached", Area.NETWORK,
            "On every member the bridge exists (its state there; the daemon may list a network Created whose device"
                    + " is gone) and its VLAN interface exists and is attached (the bridge's upper devices); an"
                    + " interface another bridge holds is named with that bridge.",
            "A missing bridge: `infra apply SPEC` (the daemon sets it up again); a detached interface: `ip link set"
                    + " dev IFACE master BRIDGE` on that host (out of a foreign bridge first: `ip link set dev IFACE"
                    + " nomaster`); a missing VLAN interface: `ip link add link PARENT name IFACE type vlan id N`."),
    VLAN_UP("network-vlan-up", Area.NETWORK,
            "The VLAN interface is up.",
            "`ip link set dev IFACE up` on that host."),
    VLAN_ID("network-vlan-id", Area.NETWORK,
            "Where the interface is an 802.1q VLAN, its VLAN id is the one the spec says.",
            "Recreate the interface with the right id (`ip link add … type vlan id N`)."),
    VLAN_MTU("network-vlan-mtu", Area.NETWORK,
            "The VLAN interface has the same MTU as its bridge.",
            "`ip link set dev IFACE mtu N` on that host."),
    SEGMENT_MTU("network-segment-mtu", Area.NETWORK,
            "Along each bridge's segment, every member's VLAN interface and bridge have the segment's MTU (the"
                    + " spec's `mtu:`, else the bridge's `bridge.mtu`, default 1500), so no member differs from the"
                    + " others.",
            "`ip link set dev IFACE mtu N` (and the bridge) on the member that differs; keep it in the host's"
                    + " network configuration and the spec's `mtu:`."),
    VLAN_UNCONFIGURED("network-vlan-unconfigured", Area.NETWORK,
            "The VLAN interface carries no global IP address (it must be flushed before it is bridged).",
            "`ip addr del ADDRESS dev IFACE` on that host."),

    POOL_CREATED("storage-pool-created", Area.STORAGE,
            "Every pool (and every pool the spec names) is Created on every member.",
            "`infra apply SPEC`, or create the pool on the member that lacks it (`--target`)."),
    POOL_USAGE("storage-pool-usage", Area.STORAGE,
            "Space used in each pool on each member: warning at 80 %, error at 95 % (pool resources API).",
            "Free space (delete or move the instances and volumes listed) or grow the pool."),
    VOLUMES("storage-volumes", Area.STORAGE,
            "The custom volumes the spec's disks expect exist.",
            "`infra apply SPEC`."),

    PRIVILEGED("security-privileged", Area.SECURITY,
            "No privileged instance (`security.privileged` true, yes, on or 1) or privileged-equivalent one"
                    + " (`raw.lxc`, `raw.idmap`, `raw.apparmor`, `raw.seccomp`, `linux.kernel_modules`, an enabled"
                    + " `security.syscalls.intercept.*`) without a written reason in the spec, and no profile that"
                    + " makes its instances so.",
            "Drop the key, or declare it on the instance in the spec (`privileged: true`, or the key in its"
                    + " `config:`) with a `reason`."),
    PROJECT_LIMITS("security-project-limits", Area.SECURITY,
            "Every project but `default` sets limits.",
            "Set `limits` on the project in the spec."),
    VOLUME_SHARED("security-volume-shared", Area.SECURITY,
            "No custom volume is attached to instances of more than one project (read from the instances' disks; a"
                    + " project without `features.storage.volumes` uses the default project's volumes).",
            "Give each project its own volume (copy the data over), and detach the other project's instances."),
    NETWORK_ACL("security-network-acl", Area.SECURITY,
            "A bridge that instances of several projects use has network ACLs (else those tenants share one open"
                    + " segment).",
            "Give the bridge `acls` in the spec, or give each project its own bridge.");

    private final String id;
    private final Area area;
    private final String what;
    private final String remedy;

    Check(String id, Area area, String what, String remedy) {
        this.id = id;
        this.area = area;
        this.what = what;
        this.remedy = remedy;
    }

    /** The stable ID (used by {@code --check}, {@code --ignore} and in JSON). */
    public String id() {
        return id;
    }

    public Area area() {
        return area;
    }

    /** One sentence: what it checks. */
    public String what() {
        return what;
    }

    /** The usual remedy, in general terms (findings carry the exact one). */
    public String remedy() {
        return remedy;
    }

    public static Optional<Check> of(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
