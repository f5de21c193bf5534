package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.RootDisk;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;

/**
 * What each instance and cluster node will use once its profiles are applied, and where it runs. Profiles apply in
 * order and the instance's own settings win, as in Incus. A cluster's nodes are placed round-robin over its
 * topology targets (all hosts when none are given), per group: node N of the group at position G runs on
 * {@code targets[(G + N - 1) % targets]} — the placement {@code talos.nodes.NodePlan} gives the VMs (a count change
 * moves no other node), repeated here because {@code spec} may not use {@code talos}.
 *
 * @param what      "instance web" or "cluster p1 node p1-worker-3", for messages
 * @param project   the project it lives in
 * @param vm        whether it is a virtual machine
 * @param cpu       limits.cpu, when set
 * @param memory    limits.memory in bytes, when set
 * @param rootSize  root disk size in bytes, when set
 * @param rootPool  root disk pool, when set
 * @param volumes   extra volumes: "pool/volume" → bytes (shared volumes appear under the same key)
 * @param host      the host it is placed on, when known
 * @param pos       where it is declared
 */
record Footprint(String what, String project, boolean vm, OptionalLong cpu, OptionalLong memory,
                 OptionalLong rootSize, Optional<String> rootPool, Map<String, Long> volumes,
                 Optional<String> host, SourcePos pos) {

    /** Default root disk of a cluster node when its group does not set one. */
    static final long DEFAULT_NODE_ROOT = 20L * 1024 * 1024 * 1024;

    static List<Footprint> of(Spec spec) {
        List<Footprint> out = new ArrayList<>();
        ProfileIndex profiles = new ProfileIndex(spec);
        for (Instance i : spec.instances()) {
            out.add(instance(profiles, i));
        }
        for (Cluster c : spec.clusters()) {
            List<String> targets = c.topology().targets().isEmpty() ? spec.hostNames() : c.topology().targets();
            for (int pos = 0; pos < c.nodeGroups().size(); pos++) {
                NodeGroup g = c.nodeGroups().get(pos);
                for (int k = 1; k <= g.count(); k++) {
                    Optional<String> host = targets.isEmpty() ? Optional.empty()
                            : Optional.of(targets.get((pos + k - 1) % targets.size()));
                    out.add(node(profiles, c, g, nodeName(c, g, k), host));
                }
            }
        }
        return out;
    }

    /** The name of a cluster's node VM: CLUSTER-GROUP-N, N counting from 1 within the group. */
    static String nodeName(Cluster c, NodeGroup g, long n) {
        return c.name() + "-" + g.name() + "-" + n;
    }

    private static Footprint instance(ProfileIndex profiles, Instance i) {
        List<Settings> layers = new ArrayList<>();
        for (String name : i.profiles()) {
            profiles.find(i.project(), name).map(Profile::settings).ifPresent(layers::add);
        }
        layers.add(i.settings());
        OptionalLong cpu = OptionalLong.empty();
        OptionalLong memory = OptionalLong.empty();
        Optional<RootDisk> root = Optional.empty();
        Map<String, Disk> disks = new LinkedHashMap<>();
        for (Settings s : layers) {
            cpu = s.cpu().isPresent() ? s.cpu() : cpu;
            memory = s.memory().isPresent() ? s.memory() : memory;
            root = s.root().isPresent() ? s.root() : root;
            s.disks().forEach(d -> disks.put(d.name(), d));
        }
        Map<String, Long> volumes = new LinkedHashMap<>();
        disks.values().forEach(d -> volumes.put(d.pool() + "/" + d.volume(), d.size()));
        return new Footprint("instance " + i.name(), i.project(), i.isVirtualMachine(), cpu, memory,
                root.map(RootDisk::size).orElse(OptionalLong.empty()), root.map(RootDisk::pool), volumes,
                i.target(), i.loc().at());
    }

    private static Footprint node(ProfileIndex profiles, Cluster c, NodeGroup g, String name,
                                  Optional<String> host) {
        Optional<String> defaultPool = profiles.find(c.project(), "default")
                .flatMap(p -> p.settings().root()).map(RootDisk::pool);
        Optional<String> rootPool = g.root().map(RootDisk::pool).or(() -> defaultPool);
        long rootSize = g.root().flatMap(r -> r.size().isPresent() ? Optional.of(r.size().getAsLong())
                : Optional.empty()).orElse(DEFAULT_NODE_ROOT);
        Map<String, Long> volumes = new LinkedHashMap<>();
        g.disks().forEach(d -> volumes.put(d.pool() + "/" + name + "-" + d.name(), d.size()));
        return new Footprint("cluster " + c.name() + " node " + name, c.project(), true, OptionalLong.of(g.cpu()),
                OptionalLong.of(g.memory()), OptionalLong.of(rootSize), rootPool, volumes, host, g.loc().at());
    }

    /** Bytes on each pool: root disk plus volumes (a sum past 8EiB stays at {@link SizeRules#MAX}). */
    Map<String, Long> diskByPool() {
        Map<String, Long> out = new LinkedHashMap<>();
        rootPool.ifPresent(p -> out.merge(p, rootSize.orElse(0), SizeRules::add));
        volumes.forEach((key, size) -> out.merge(key.substring(0, key.indexOf('/')), size, SizeRules::add));
        return out;
    }
}
