package net.sigsrv.infra.spec.validate;

import java.util.List;
import net.sigsrv.infra.diag.Severity;

/**
 * Every rule ID the spec pipeline can report, with its severity and what it enforces. IDs are stable: tools and
 * people grep for them, so a rule may be added or reworded but never renamed. The rule table in docs/rules.md is
 * generated from this list ({@code infra rules --markdown}) and a test keeps the two equal.
 */
public final class RuleCatalog {

    /** One rule: its ID, default severity, the stage that reports it and what it enforces. */
    public record Rule(String id, Severity severity, String stage, String enforces) {
    }

    private static final Severity E = Severity.ERROR;
    private static final Severity W = Severity.WARNING;

    public static final List<Rule> RULES = List.of(
            new Rule("file-unreadable", E, "file", "The spec file exists and can be read."),
            new Rule("file-too-large", E, "file", "The spec file is at most 16 MiB."),
            new Rule("file-binary", E, "file", "The spec file is text (no NUL bytes)."),
            new Rule("file-encoding", E, "file", "The spec file is valid UTF-8."),
            new Rule("file-empty", E, "file", "The spec file holds a document."),
            new Rule("yaml-syntax", E, "yaml", "The file is well-formed YAML."),
            new Rule("yaml-multiple-documents", E, "yaml", "The file holds exactly one YAML document."),
            new Rule("yaml-duplicate-key", E, "yaml", "No key appears twice in one map."),
            new Rule("yaml-alias-limit", E, "yaml", "At most 50 aliases of lists or maps, none recursive."),
            new Rule("yaml-too-complex", E, "yaml", "The document expands (aliases included) to at most 2,000,000"
                    + " nodes."),
            new Rule("schema-unknown-key", E, "schema", "Every key is a known key of its object (with a"
                    + " \"did you mean\")."),
            new Rule("schema-type", E, "schema", "Every value has the declared type (string, integer, boolean,"
                    + " size, list, map)."),
            new Rule("schema-required", E, "schema", "Required keys are present and have a value."),
            new Rule("schema-enum", E, "schema", "Enumerated values are one of the allowed words."),
            new Rule("schema-range", E, "schema", "Integers are within their declared range."),
            new Rule("name-invalid", E, "names", "Names are valid Incus names: hostnames for hosts, instances,"
                    + " clusters and node groups; at most 15 characters for bridges and interfaces; DNS names for"
                    + " zones; Incus names (no `/`, no `..`) for the lab, disk devices, node disks and volumes."),
            new Rule("name-duplicate", E, "names", "Names are unique in their scope (hosts, networks, pools,"
                    + " projects, zones, ACLs and clusters globally; profiles and instances per project; devices"
                    + " per instance; node groups and add-ons per cluster; profiles in an instance's list)."),
            new Rule("host-endpoint", E, "hosts", "A host has at most one of `address` and `socket`; an address"
                    + " is an `https://` URL (a port, when given, 1–65535)."),
            new Rule("network-cidr", E, "networks", "`ipv4` is an IPv4 network in CIDR form with no host bits"
                    + " set."),
            new Rule("network-gateway", E, "networks", "The gateway is a host address inside the network's CIDR."),
            new Rule("network-overlap", E, "networks", "No two networks overlap."),
            new Rule("network-vlan-range", E, "networks", "VLAN ids are within 1–4094."),
            new Rule("network-vlan-duplicate", E, "networks", "No two networks use the same VLAN id."),
            new Rule("network-vlan-interface", E, "networks", "A network with a VLAN names the `interface` that"
                    + " carries it."),
            new Rule("network-interface-duplicate", E, "networks", "No two networks use the same VLAN interface."),
            new Rule("network-cross-host", E, "networks", "Every bridge is defined on every host, or instances"
                    + " cannot reach each other across hosts."),
            new Rule("nic-address", E, "networks", "A reserved NIC address is a host address inside its network,"
                    + " not the gateway, and not reserved twice."),
            new Rule("nic-hwaddr", E, "networks", "A fixed MAC address is six hex pairs separated by colons."),
            new Rule("reference-unresolved", E, "references", "Every reference resolves: networks, pools,"
                    + " projects, profiles (those the instance's project sees: its own, or with"
                    + " `features.profiles: false` the default project's), hosts, zones, ACLs, topology targets and"
                    + " add-on node groups."),
            new Rule("project-limit", E, "limits", "What a project declares (instances and cluster nodes: cpu,"
                    + " memory, disk, counts) fits its limits, and every instance sets what a limit needs."),
            new Rule("host-capacity", E, "limits", "What is placed on a host fits its declared capacity (cpu,"
                    + " memory, disk per pool)."),
            new Rule("cluster-capacity", E, "limits", "Instances without a target, with all the others, fit what the"
                    + " hosts declare together (when every host declares that capacity)."),
            new Rule("privileged-without-reason", E, "security", "`privileged: true` (or"
                    + " `security.privileged`) comes with a written `reason`."),
            new Rule("privileged-equivalent-without-reason", E, "security", "An instance setting `raw.lxc`,"
                    + " `raw.idmap`, `raw.apparmor`, `raw.seccomp`, `linux.kernel_modules` or an enabled"
                    + " `security.syscalls.intercept.*` comes with a written `reason`; a profile never sets them."),
            new Rule("profile-without-profiles-feature", E, "security", "A project with `features.profiles: false`"
                    + " has no `default-profile` and no profiles placed in it: it uses the default project's, which"
                    + " they would overwrite."),
            new Rule("volume-shared-across-projects", E, "security", "A custom volume is attached only to"
                    + " instances of one project, also through the disks of their profiles."),
            new Rule("volume-conflict", E, "storage", "Instances sharing a volume agree on its size and content."),
            new Rule("disk-path", E, "storage", "A filesystem disk has a mount `path`; a block disk has none."),
            new Rule("zone-record", E, "zones", "Zone records are well-formed: A holds an IPv4 address, names are"
                    + " unique per type."),
            new Rule("acl-rule", E, "acls", "ACL rules are consistent: ports only with tcp/udp, ICMP fields only"
                    + " with icmp4/icmp6."),
            new Rule("cluster-controlplane-count", E, "clusters", "A cluster has an odd number (≥ 1) of"
                    + " control-plane nodes."),
            new Rule("cluster-endpoint", E, "clusters", "The Kubernetes endpoint is an `https://` URL with an"
                    + " explicit port (1–65535)."),
            new Rule("cluster-talos-version", E, "clusters", "The Talos version looks like `v1.10.2`."),
            new Rule("cluster-kubernetes-version", E, "clusters", "The Kubernetes version, when given, looks like"
                    + " `v1.33.1`."),
            new Rule("cluster-storage-addon", E, "clusters", "The rook-ceph add-on has nodes with data disks, at"
                    + " least as many as its replicas."),
            new Rule("cluster-addon-option", E, "clusters", "Add-on options are known options of that add-on, with"
                    + " values of their type (`replicas` a whole number)."),
            new Rule("cluster-taint", E, "clusters", "Taints are `KEY[=VALUE]:EFFECT` with a Kubernetes effect."),
            new Rule("cluster-label", E, "clusters", "Node labels are valid Kubernetes label keys and values."),
            new Rule("cluster-patch", E, "clusters", "A machine-config patch sets keys under `machine`, `cluster`"
                    + " or `debug` only, and not what the tool owns (machine type, secrets, cluster name, endpoint)."),
            new Rule("cluster-node-patch", E, "clusters", "`node-patches` names nodes of the cluster."),
            // config: keys, sizes and cross-references (issue 11)
            new Rule("config-key-modelled", E, "config", "A `config:` map holds no key the spec sets itself"
                    + " (`ipv4.address`, `limits.cpu`, `security.protection.delete`, …): the message names the spec"
                    + " key to use."),
            new Rule("config-key-reserved", E, "config", "No `config:` map sets `user.sigsrv-infra.*` (infra's"
                    + " ownership marks and lock) or `volatile.*` (the daemon's own state)."),
            new Rule("size-zero", E, "sizes", "Memory, disk, volume, pool, capacity and limit sizes are above"
                    + " zero."),
            new Rule("size-overflow", E, "sizes", "Sizes added up (memory, disk per pool, what the hosts offer) stay"
                    + " within 8EiB, so no sum wraps around under a limit."),
            new Rule("cluster-node-name", E, "clusters", "No instance, nor another cluster's node, takes the name of"
                    + " a cluster's node VM (CLUSTER-GROUP-N) in its project."),
            // values that are parsed nowhere else (issue 11, "names and values that are never parsed")
            new Rule("yaml-too-deep", E, "yaml", "Lists and maps nest at most 64 deep."),
            new Rule("disk-mount-path", E, "storage", "A disk's mount `path` is absolute, with no `..` segment"
                    + " and no control character."),
            new Rule("acl-address", E, "acls", "ACL sources and destinations that look like addresses are IPv4"
                    + " addresses, CIDRs (at most /32) or ranges FIRST-LAST in order, or IPv6 addresses or CIDRs."),
            new Rule("acl-port", E, "acls", "ACL ports are 1–65535, single or as ranges LOW-HIGH with LOW ≤ HIGH."),
            new Rule("lint-description", W, "lint", "Hosts, networks, pools, projects and clusters have a"
                    + " `description`."),
            new Rule("lint-purpose", W, "lint", "Networks and pools say their `purpose`."),
            new Rule("lint-naming", W, "lint", "Names follow the lab's conventions: lower case; bridges end in"
                    + " `br` and a number."),
            new Rule("lint-project-limits", W, "lint", "Projects set limits."));

    private RuleCatalog() {
    }

    public static boolean isKnown(String id) {
        return RULES.stream().anyMatch(r -> r.id().equals(id));
    }
}
