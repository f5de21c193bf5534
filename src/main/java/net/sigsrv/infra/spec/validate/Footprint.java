package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.NodeGroup;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Project;
import net.sigsrv.infra.spec.model.RootDisk;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;

/**
 * What each instance and cluster node will use once its profiles are applied, and where it runs. Profiles apply in
 * order and the instance's own settings win, as in Incus. A cluster's nodes are placed round-robin over its
 * topology targets (all hosts when none are given).
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
        Profiles profiles = Profiles.of(spec);
        for (Instance i : spec.instances()) {
            out.add(instance(profiles, i));
        }
        for (Cluster c : spec.clusters()) {
            List<String> targets = c.topology().targets().isEmpty() ? spec.hostNames() : c.topology().targets();
            int n = 0;
            for (NodeGroup g : c.nodeGroups()) {
                for (int k = 1; k <= g.count(); k++, n++) {
                    Optional<String> host = targets.isEmpty() ? Optional.empty()
                            : Optional.of(targets.get(n % targets.size()));
                    out.add(node(profiles, c, g, c.name() + "-" + g.name() + "-" + k, host));
                }
            }
        }
        return out;
    }

    private static Footprint instance(Profiles profiles, Instance i) {
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

    private static Footprint node(Profiles profiles, Cluster c, NodeGroup g, String name, Optional<String> host) {
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

    /** A profile by name as Incus resolves it for a project: the project's own first, then the default project's. */
    static Optional<Profile> profile(Spec spec, String project, String name) {
        return resolve(project, name, (pr, n) -> spec.profiles().stream()
                .filter(p -> p.project().equals(pr) && p.name().equals(n)).findFirst(), spec::project);
    }

    /** The order Incus resolves a profile in, over any way of finding profiles and projects by name. */
    private static Optional<Profile> resolve(String project, String name,
                                             BiFunction<String, String, Optional<Profile>> profiles,
                                             Function<String, Optional<Project>> projects) {
        Optional<Profile> own = profiles.apply(project, name);
        if (own.isPresent()) {
            return own;
        }
        if (name.equals("default")) {
            Optional<Profile> projectDefault = projects.apply(project).flatMap(Project::defaultProfile);
            if (projectDefault.isPresent()) {
                return projectDefault;
            }
        }
        return profiles.apply("default", name);
    }

    /**
     * The spec's profiles and projects by name (the first of each), so resolving the profiles of every instance
     * is a look-up each: scanning all profiles per instance took 20 s for a 1 MB spec of profiles and instances.
     */
    private record Profiles(Map<String, Profile> byKey, Map<String, Project> projects) {

        static Profiles of(Spec spec) {
            Map<String, Profile> byKey = new HashMap<>();
            spec.profiles().forEach(p -> byKey.putIfAbsent(p.project() + "\u0000" + p.name(), p));
            Map<String, Project> projects = new HashMap<>();
            spec.projects().forEach(p -> projects.putIfAbsent(p.name(), p));
            return new Profiles(byKey, projects);
        }

        Optional<Profile> find(String project, String name) {
            return resolve(project, name, (pr, n) -> Optional.ofNullable(byKey.get(pr + "\u0000" + n)),
                    pr -> Optional.ofNullable(projects.get(pr)));
        }
    }

    /** Bytes on each pool: root disk plus volumes. */
    Map<String, Long> diskByPool() {
        Map<String, Long> out = new LinkedHashMap<>();
        rootPool.ifPresent(p -> out.merge(p, rootSize.orElse(0), Long::sum));
        volumes.forEach((key, size) -> out.merge(key.substring(0, key.indexOf('/')), size, Long::sum));
        return out;
    }
}
