package net.sigsrv.infra.spec.model;

import java.util.List;
import java.util.Optional;

/**
 * The whole lab. {@code profiles} and {@code instances} hold every profile and instance, whether written at top
 * level or inside a project entry; each knows its project.
 */
public record Spec(long version, String lab, String description, List<Host> hosts, List<Network> networks,
                   List<Pool> storage, List<Zone> zones, List<Acl> acls, List<Project> projects,
                   List<Profile> profiles, List<Instance> instances, List<Cluster> clusters, Loc loc) {

    public Spec {
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
        storage = List.copyOf(storage);
        zones = List.copyOf(zones);
        acls = List.copyOf(acls);
        projects = List.copyOf(projects);
        profiles = List.copyOf(profiles);
        instances = List.copyOf(instances);
        clusters = List.copyOf(clusters);
    }

    public Optional<Network> network(String name) {
        return networks.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<Pool> pool(String name) {
        return storage.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<Project> project(String name) {
        return projects.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<String> hostNames() {
        return hosts.stream().map(Host::name).toList();
    }
}
