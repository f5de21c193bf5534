package net.sigsrv.infra.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.spec.model.Acl;
import net.sigsrv.infra.spec.model.AclRule;
import net.sigsrv.infra.spec.model.Addon;
import net.sigsrv.infra.spec.model.Capacity;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Host;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Limits;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.spec.model.Nic;
import net.sigsrv.infra.spec.model.NodeDisk;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Pool;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Project;
import net.sigsrv.infra.spec.model.RootDisk;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Snapshots;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.model.Topology;
import net.sigsrv.infra.spec.model.Zone;
import net.sigsrv.infra.spec.model.ZoneRecord;
import net.sigsrv.infra.spec.schema.SpecSchema;
import net.sigsrv.infra.values.Size;

/**
 * Binds a schema-checked node tree to the {@link Spec} records, applying the defaults that
 * {@link SpecSchema} documents. Nested profiles and instances take the project they are written under.
 */
final class SpecBinder {

    static final String DEFAULT_PROJECT = "default";

    private SpecBinder() {
    }

    static Spec bind(Fields f) {
        List<Profile> profiles = new ArrayList<>(f.list("profiles", p -> profile(p, DEFAULT_PROJECT)));
        List<Instance> instances = new ArrayList<>(f.list("instances", i -> instance(i, DEFAULT_PROJECT)));
        List<Project> projects = f.list("projects", p -> {
            String name = p.str("name");
            profiles.addAll(p.list("profiles", q -> profile(q, name)));
            instances.addAll(p.list("instances", i -> instance(i, name)));
            return project(p);
        });
        return new Spec(f.integer("version", 1), f.str("lab"), f.str("description"),
                f.list("hosts", SpecBinder::host), f.list("networks", SpecBinder::network),
                f.list("storage", SpecBinder::pool), f.list("zones", SpecBinder::zone), f.list("acls", SpecBinder::acl),
                projects, profiles, instances, f.list("clusters", SpecBinder::cluster), f.loc());
    }

    private static Host host(Fields f) {
        return new Host(f.str("name"), f.str("description"), f.opt("address"), f.opt("socket"),
                f.obj("capacity").map(SpecBinder::capacity), f.loc());
    }

    private static Capacity capacity(Fields f) {
        return new Capacity(f.integer("cpu"), f.size("memory"), sizes(f.map("disks")), f.loc());
    }

    private static Network network(Fields f) {
        return new Network(f.str("name"), f.str("description"), f.str("purpose"), f.integer("vlan"),
                f.opt("interface"), f.str("ipv4"), f.opt("gateway"), f.opt("zone"), f.bool("nat", false),
                f.integer("mtu", 1500), f.strings("acls"), f.strings("hosts"), f.map("config"), f.loc());
    }

    private static Pool pool(Fields f) {
        return new Pool(f.str("name"), f.str("description"), f.str("purpose"), f.str("driver"), f.map("source"),
                f.size("size"), f.map("config"), f.loc());
    }

    private static Settings settings(Fields f, String owner) {
        return new Settings(f.integer("cpu"), f.size("memory"), f.obj("root").map(SpecBinder::rootDisk),
                f.list("disks", d -> disk(d, owner)), f.list("nics", SpecBinder::nic),
                f.obj("snapshots").map(SpecBinder::snapshots), f.map("config"));
    }

    private static RootDisk rootDisk(Fields f) {
        return new RootDisk(f.str("pool"), f.size("size"), f.loc());
    }

    private static Disk disk(Fields f, String owner) {
        String name = f.str("name");
        return new Disk(name, f.str("pool"), f.str("volume", owner + "-" + name), f.size("size").orElse(0),
                f.str("content", "filesystem"), f.opt("path"), f.loc());
    }

    private static Nic nic(Fields f) {
        return new Nic(f.str("name"), f.str("network"), f.opt("ipv4"), f.opt("hwaddr"), f.loc());
    }

    private static Snapshots snapshots(Fields f) {
        return new Snapshots(f.str("schedule"), f.opt("expiry"), f.str("pattern", "snap%d"), f.loc());
    }

    private static Profile profile(Fields f, String project) {
        String name = f.str("name");
        return new Profile(name, f.str("description"), f.str("project", project), settings(f, name), f.loc());
    }

    private static Instance instance(Fields f, String project) {
        String name = f.str("name");
        List<String> profiles = f.loc().has("profiles") ? f.strings("profiles")
                : List.of("default");
        return new Instance(name, f.str("description"), f.str("project", project), f.str("type", "container"),
                f.str("image"), f.opt("target"), profiles, f.str("state", "running"), f.bool("protect", false),
                f.bool("privileged", false), f.opt("reason"), settings(f, name), f.loc());
    }

    private static Project project(Fields f) {
        String name = f.str("name");
        Map<String, Boolean> features = new LinkedHashMap<>();
        f.obj("features").ifPresent(ff -> SpecSchema.FEATURES.keys().forEach(k -> ff.opt(k)
                .ifPresent(v -> features.put(k, Boolean.parseBoolean(v)))));
        Optional<Profile> defaultProfile = f.obj("default-profile")
                .map(p -> new Profile("default", "", name, settings(p, "default"), p.loc()));
        return new Project(name, f.str("description"), features, f.obj("limits").map(SpecBinder::limits),
                f.map("restrictions"), defaultProfile, f.loc());
    }

    private static Limits limits(Fields f) {
        return new Limits(f.integer("cpu"), f.size("memory"), f.size("disk"), f.integer("instances"),
                f.integer("containers"), f.integer("virtual-machines"), f.integer("networks"), f.loc());
    }

    private static Zone zone(Fields f) {
        return new Zone(f.str("name"), f.str("description"), f.list("records", SpecBinder::record), f.loc());
    }

    private static ZoneRecord record(Fields f) {
        return new ZoneRecord(f.str("name"), f.str("type", "A"), f.str("value"), f.integer("ttl", 300), f.loc());
    }

    private static Acl acl(Fields f) {
        return new Acl(f.str("name"), f.str("description"), f.list("ingress", SpecBinder::rule),
                f.list("egress", SpecBinder::rule), f.loc());
    }

    private static AclRule rule(Fields f) {
        return new AclRule(f.str("action"), f.opt("source"), f.opt("destination"), f.opt("protocol"),
                f.opt("source-port"), f.opt("destination-port"), f.integer("icmp-type"), f.integer("icmp-code"),
                f.str("state", "enabled"), f.str("description"), f.loc());
    }

    private static Cluster cluster(Fields f) {
        Topology topology = f.obj("topology").map(t -> new Topology(t.opt("region"), t.opt("zone"),
                t.strings("targets"), t.loc())).orElseGet(() -> new Topology(Optional.empty(), Optional.empty(),
                List.of(), new Loc(f.loc().at(), Map.of())));
        return new Cluster(f.str("name"), f.str("description"), f.str("project"), f.str("network"), f.str("talos"),
                f.opt("kubernetes"), f.str("endpoint"), f.opt("image"), topology, f.opt("installer"),
                f.str("cni", "flannel"),
                f.bool("kube-proxy", true), f.patches("patches"), f.patchLists("node-patches"),
                f.list("node-groups", SpecBinder::nodeGroup), f.list("addons", SpecBinder::addon), f.loc());
    }

    private static NodeGroup nodeGroup(Fields f) {
        return new NodeGroup(f.str("name"), f.str("role"), f.integer("count", 0), f.integer("cpu", 1),
                f.size("memory").orElse(0), f.obj("root").map(SpecBinder::rootDisk),
                f.list("disks", d -> new NodeDisk(d.str("name"), d.str("pool"), d.size("size").orElse(0), d.loc())),
                f.map("labels"), f.strings("taints"), f.patches("patches"), f.loc());
    }

    private static Addon addon(Fields f) {
        return new Addon(f.str("name"), f.map("options"), f.loc());
    }

    private static Map<String, Long> sizes(Map<String, String> texts) {
        Map<String, Long> out = new LinkedHashMap<>();
        texts.forEach((k, v) -> Size.parse(v).ifPresent(bytes -> out.put(k, bytes)));
        return out;
    }
}
