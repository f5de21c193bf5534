package net.sigsrv.infra.spec.schema;

import static net.sigsrv.infra.spec.schema.Types.ANY;
import static net.sigsrv.infra.spec.schema.Types.BOOL;
import static net.sigsrv.infra.spec.schema.Types.INT;
import static net.sigsrv.infra.spec.schema.Types.PATCH;
import static net.sigsrv.infra.spec.schema.Types.SIZE;
import static net.sigsrv.infra.spec.schema.Types.STRING;
import static net.sigsrv.infra.spec.schema.Types.intRange;
import static net.sigsrv.infra.spec.schema.Types.listOf;
import static net.sigsrv.infra.spec.schema.Types.mapOf;
import static net.sigsrv.infra.spec.schema.Types.obj;
import static net.sigsrv.infra.spec.schema.Types.oneOf;
import static net.sigsrv.infra.spec.schema.Types.opt;
import static net.sigsrv.infra.spec.schema.Types.req;

import java.util.List;

/**
 * Every key of the lab spec, in canonical order. This is the single source for checking, binding, {@code infra fmt}
 * and docs/spec.md's reference ({@code infra schema --markdown}). Keys are kebab-case.
 */
public final class SpecSchema {

    private SpecSchema() {
    }

    public static final Type.Obj CAPACITY = obj("capacity",
            opt("cpu", intRange(1, 4096), "Logical CPUs the host offers to instances."),
            opt("memory", SIZE, "Memory the host offers to instances."),
            opt("disks", mapOf(SIZE), "Space per storage pool on this host: `POOL: SIZE`."));

    public static final Type.Obj HOST = obj("host",
            req("name", STRING, "Cluster member name (as `incus cluster list` shows it)."),
            opt("description", STRING, "Free text."),
            opt("address", STRING, "Incus API URL, `https://HOST:8443`. One of `address` or `socket`."),
            opt("socket", STRING, "Local unix socket of the Incus daemon, e.g. `/var/lib/incus/unix.socket`."),
            opt("capacity", CAPACITY, "What the host can give; when set, the sum placed on it must fit."));

    public static final Type.Obj NETWORK = obj("network",
            req("name", STRING, "Bridge name; the same bridge exists on every host."),
            opt("description", STRING, "Free text."),
            opt("purpose", STRING, "What the segment is for (`system`, `management`, `user`, …)."),
            opt("vlan", INT, "VLAN id carried across hosts (1–4094). Needs `interface`."),
            opt("interface", STRING, "Host interface carrying the VLAN, attached to the bridge on every host."
                    + " It must carry no IP address."),
            req("ipv4", STRING, "IPv4 network in CIDR form, e.g. `172.20.0.0/16`."),
            opt("gateway", STRING, "first host address of `ipv4`", "Bridge address inside `ipv4`."),
            opt("zone", STRING, "DNS zone (a `zones` entry) for the bridge's forward records."),
            opt("nat", BOOL, "false", "Masquerade traffic leaving the bridge."),
            opt("mtu", intRange(576, 9216), "1500", "Bridge MTU."),
            opt("acls", listOf(STRING), "[]", "Names of `acls` applied to the bridge."),
            opt("hosts", listOf(STRING), "all hosts", "Hosts that carry the bridge; must be every host."),
            opt("config", mapOf(ANY), "{}", "Extra Incus network config keys, passed through; not those the spec"
                    + " sets (`ipv4.address`, `bridge.mtu`, …: `config-key-modelled`) nor `user.sigsrv-infra.*`."));

    public static final Type.Obj POOL = obj("pool",
            req("name", STRING, "Storage pool name."),
            opt("description", STRING, "Free text."),
            opt("purpose", STRING, "What the pool is for (`fast`, `capacity`, `images`, …)."),
            req("driver", oneOf("dir", "zfs", "btrfs", "lvm", "ceph", "cephfs"), "Incus storage driver."),
            opt("source", mapOf(STRING), "{}", "Per-host source (device, dataset or path): `HOST: SOURCE`."),
            opt("size", SIZE, "Size of a loop-backed pool."),
            opt("config", mapOf(ANY), "{}", "Extra Incus pool config keys, passed through; not `source` or `size`"
                    + " (`config-key-modelled`) nor `user.sigsrv-infra.*`."));

    public static final Type.Obj ROOT_DISK = obj("root disk",
            req("pool", STRING, "Storage pool of the root disk."),
            opt("size", SIZE, "Root disk size."));

    public static final Type.Obj DISK = obj("disk",
            req("name", STRING, "Device name inside the instance."),
            req("pool", STRING, "Storage pool of the custom volume."),
            opt("volume", STRING, "INSTANCE-NAME", "Custom volume name; instances naming the same volume share it."),
            req("size", SIZE, "Volume size."),
            opt("content", oneOf("filesystem", "block"), "filesystem", "Volume content type."),
            opt("path", STRING, "Mount path (filesystem volumes only; required for them)."));

    public static final Type.Obj NIC = obj("nic",
            req("name", STRING, "Device name inside the instance (`eth0`)."),
            req("network", STRING, "A `networks` entry."),
            opt("ipv4", STRING, "Reserved IPv4 address inside the network (DHCP reservation)."),
            opt("hwaddr", STRING, "Fixed MAC address."));

    public static final Type.Obj SNAPSHOTS = obj("snapshots",
            req("schedule", STRING, "Cron expression or `@hourly`, `@daily`, `@weekly`, `@monthly`."),
            opt("expiry", STRING, "How long snapshots are kept, e.g. `4w`, `30d`."),
            opt("pattern", STRING, "snap%d", "Snapshot name pattern."));

    private static final List<Field> INSTANCE_SETTINGS = List.of(
            opt("cpu", intRange(1, 1024), "limits.cpu: number of CPUs."),
            opt("memory", SIZE, "limits.memory."),
            opt("root", ROOT_DISK, "Root disk."),
            opt("disks", listOf(DISK), "[]", "Extra disks backed by custom volumes."),
            opt("nics", listOf(NIC), "[]", "Network interfaces."),
            opt("snapshots", SNAPSHOTS, "Scheduled snapshots."),
            opt("config", mapOf(ANY), "{}", "Extra Incus instance config keys, passed through; not those the spec"
                    + " sets (`limits.cpu`, `security.protection.delete`, …: `config-key-modelled`) nor"
                    + " `user.sigsrv-infra.*`."));

    public static final Type.Obj DEFAULT_PROFILE = new Type.Obj("default profile", INSTANCE_SETTINGS);

    public static final Type.Obj PROFILE = new Type.Obj("profile", concat(List.of(
            req("name", STRING, "Profile name."),
            opt("description", STRING, "Free text."),
            opt("project", STRING, "default", "Project (top-level profiles only; nested ones take their project).")),
            INSTANCE_SETTINGS));

    public static final Type.Obj INSTANCE = new Type.Obj("instance", concat(List.of(
            req("name", STRING, "Instance name (a hostname)."),
            opt("description", STRING, "Free text."),
            opt("project", STRING, "default", "Project (top-level instances only; nested ones take their project)."),
            opt("type", oneOf("container", "virtual-machine"), "container", "Instance type."),
            req("image", STRING, "Image alias or fingerprint, e.g. `images:debian/12`."),
            opt("target", STRING, "Host the instance runs on."),
            opt("profiles", listOf(STRING), "[default]", "Profiles applied in order."),
            opt("state", oneOf("running", "stopped"), "running", "Desired power state."),
            opt("protect", BOOL, "false", "Refuse deletion (`security.protection.delete`)."),
            opt("privileged", BOOL, "false", "`security.privileged`; needs `reason`."),
            opt("reason", STRING, "Why the instance must be privileged.")),
            INSTANCE_SETTINGS));

    public static final Type.Obj FEATURES = obj("features",
            opt("images", BOOL, "true", "Separate images per project."),
            opt("profiles", BOOL, "true", "Separate profiles per project."),
            opt("storage.volumes", BOOL, "true", "Separate custom volumes per project."),
            opt("storage.buckets", BOOL, "true", "Separate storage buckets per project (Incus)."),
            opt("networks", BOOL, "false", "Separate networks per project."),
            opt("networks.zones", BOOL, "false", "Separate network zones per project (Incus)."));

    public static final Type.Obj LIMITS = obj("limits",
            opt("cpu", intRange(1, 1_000_000), "Total CPUs of all instances."),
            opt("memory", SIZE, "Total memory of all instances."),
            opt("disk", SIZE, "Total disk of all root disks and volumes."),
            opt("instances", intRange(0, 1_000_000), "Number of instances."),
            opt("containers", intRange(0, 1_000_000), "Number of containers."),
            opt("virtual-machines", intRange(0, 1_000_000), "Number of virtual machines."),
            opt("networks", intRange(0, 1_000_000), "Number of project networks."));

    public static final Type.Obj PROJECT = obj("project",
            req("name", STRING, "Project name."),
            opt("description", STRING, "Free text."),
            opt("features", FEATURES, "Incus defaults", "Which resources the project keeps separate."),
            opt("limits", LIMITS, "none", "Project limits; the spec's own instances and cluster nodes must fit."),
            opt("restrictions", mapOf(ANY), "{}", "`restricted.*` keys, without the prefix."),
            opt("default-profile", DEFAULT_PROFILE, "The project's `default` profile."),
            opt("profiles", listOf(PROFILE), "[]", "Profiles of this project."),
            opt("instances", listOf(INSTANCE), "[]", "Instances of this project."));

    public static final Type.Obj RECORD = obj("record",
            req("name", STRING, "Record name inside the zone (`@` for the apex)."),
            opt("type", oneOf("A", "AAAA", "CNAME", "TXT", "MX", "SRV", "NS", "PTR"), "A", "Record type."),
            req("value", STRING, "Record value."),
            opt("ttl", intRange(1, 604800), "300", "Time to live in seconds."));

    public static final Type.Obj ZONE = obj("zone",
            req("name", STRING, "DNS zone name, e.g. `sigsrv.local`."),
            opt("description", STRING, "Free text."),
            opt("records", listOf(RECORD), "[]", "Static records."));

    public static final Type.Obj ACL_RULE = obj("rule",
            req("action", oneOf("allow", "reject", "drop"), "What to do with matching traffic."),
            opt("source", STRING, "any", "Source CIDRs or ACL names, comma-separated."),
            opt("destination", STRING, "any", "Destination CIDRs or ACL names, comma-separated."),
            opt("protocol", oneOf("tcp", "udp", "icmp4", "icmp6"), "any", "Protocol."),
            opt("source-port", STRING, "Source ports (tcp/udp), e.g. `1024-65535`."),
            opt("destination-port", STRING, "Destination ports (tcp/udp), e.g. `22,443`."),
            opt("icmp-type", intRange(0, 255), "ICMP type (icmp4/icmp6)."),
            opt("icmp-code", intRange(0, 255), "ICMP code (icmp4/icmp6)."),
            opt("state", oneOf("enabled", "disabled", "logged"), "enabled", "Rule state."),
            opt("description", STRING, "Free text."));

    public static final Type.Obj ACL = obj("acl",
            req("name", STRING, "ACL name."),
            opt("description", STRING, "Free text."),
            opt("ingress", listOf(ACL_RULE), "[]", "Rules for traffic entering instances."),
            opt("egress", listOf(ACL_RULE), "[]", "Rules for traffic leaving instances."));

    public static final Type.Obj TOPOLOGY = obj("topology",
            opt("region", STRING, "`topology.kubernetes.io/region` label of every node."),
            opt("zone", STRING, "`topology.kubernetes.io/zone` label of every node."),
            opt("targets", listOf(STRING), "all hosts", "Hosts the nodes are placed on, round-robin."));

    public static final Type.Obj NODE_DISK = obj("node disk",
            req("name", STRING, "Disk name."),
            req("pool", STRING, "Storage pool."),
            req("size", SIZE, "Disk size."));

    public static final Type.Obj NODE_GROUP = obj("node group",
            req("name", STRING, "Group name; nodes are named CLUSTER-GROUP-N."),
            req("role", oneOf("controlplane", "worker"), "Talos machine type."),
            req("count", intRange(0, 1000), "Number of nodes."),
            req("cpu", intRange(1, 1024), "CPUs per node."),
            req("memory", SIZE, "Memory per node."),
            opt("root", ROOT_DISK, "cluster's pool, 20GiB", "System disk of each node."),
            opt("disks", listOf(NODE_DISK), "[]", "Extra (data) disks per node, e.g. for Ceph OSDs."),
            opt("labels", mapOf(STRING), "{}", "Kubernetes node labels."),
            opt("taints", listOf(STRING), "[]", "Kubernetes taints, `KEY[=VALUE]:EFFECT`."),
            opt("patches", listOf(PATCH), "[]", "Talos machine-config patches for this group's nodes, applied"
                    + " after the cluster's (see `patches` of the cluster)."));

    public static final Type.Obj ADDON = obj("add-on",
            req("name", oneOf("rook-ceph"), "Add-on name."),
            opt("options", mapOf(ANY), "{}", "Add-on options. rook-ceph: `node-group` (default: groups with"
                    + " disks), `replicas` (default 3), `namespace` (default `rook-ceph`)."));

    public static final Type.Obj CLUSTER = obj("cluster",
            req("name", STRING, "Cluster name."),
            opt("description", STRING, "Free text."),
            req("project", STRING, "Project the node VMs live in."),
            req("network", STRING, "Network the nodes are attached to."),
            req("talos", STRING, "Talos version, e.g. `v1.10.2`."),
            opt("kubernetes", STRING, "Talos default", "Kubernetes version, e.g. `v1.33.1`."),
            req("endpoint", STRING, "Kubernetes API endpoint, `https://HOST:PORT`."),
            opt("image", STRING, "the release ISO", "Where the node VMs' Talos ISO comes from: an `https://` URL (an"
                    + " Image Factory ISO, say); otherwise the `metal-amd64.iso` of the Talos release `talos`."),
            opt("installer", STRING, "ghcr.io/siderolabs/installer:TALOS", "Talos installer image the nodes"
                    + " install from, e.g. an Image Factory image with system extensions."),
            opt("topology", TOPOLOGY, "Placement and topology labels."),
            opt("cni", oneOf("flannel", "none"), "flannel", "Pod network: Talos's Flannel, or `none` to install"
                    + " one yourself."),
            opt("kube-proxy", BOOL, "true", "Run kube-proxy (turn it off for a CNI that replaces it)."),
            opt("patches", listOf(PATCH), "[]", "Talos machine-config patches for every node, strategic-merge"
                    + " YAML: each a map written inline, or the path of a YAML file (relative to the spec's"
                    + " directory). Applied in order, before the group's and the node's."),
            opt("node-patches", mapOf(listOf(PATCH)), "{}", "Patches for single nodes, applied last:"
                    + " `NODE-NAME: [PATCH, …]`."),
            req("node-groups", listOf(NODE_GROUP), "Node groups."),
            opt("addons", listOf(ADDON), "[]", "Add-ons installed after bootstrap."));

    public static final Type.Obj SPEC = obj("lab spec",
            opt("version", intRange(1, 1), "1", "Spec format version."),
            req("lab", STRING, "Name of the lab; marks every object the tool owns."),
            opt("description", STRING, "Free text."),
            req("hosts", listOf(HOST), "Incus cluster members."),
            opt("networks", listOf(NETWORK), "[]", "Bridges carried across hosts."),
            opt("storage", listOf(POOL), "[]", "Storage pools."),
            opt("zones", listOf(ZONE), "[]", "Network zones."),
            opt("acls", listOf(ACL), "[]", "Network ACLs."),
            opt("projects", listOf(PROJECT), "[]", "Projects (tenants)."),
            opt("profiles", listOf(PROFILE), "[]", "Profiles outside any project entry."),
            opt("instances", listOf(INSTANCE), "[]", "Instances outside any project entry."),
            opt("clusters", listOf(CLUSTER), "[]", "Talos Kubernetes clusters."));

    private static List<Field> concat(List<Field> a, List<Field> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
