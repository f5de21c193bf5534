package net.sigsrv.infra.spec.validate;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.AclRule;
import net.sigsrv.infra.spec.model.Cluster;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Project;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.schema.Suggest;
import net.sigsrv.infra.values.Ipv4;

/**
 * {@code reference-unresolved}: every name that points at another object names one the spec defines. The
 * {@code default} project and each project's {@code default} profile always exist.
 */
final class ReferenceRules implements SpecValidator.Rules {

    private static final String DEFAULT = "default";

    @Override
    public void check(Spec spec, Report report) {
        Set<String> hosts = names(spec.hostNames());
        Set<String> networks = names(spec.networks().stream().map(Network::name).toList());
        Set<String> pools = names(spec.storage().stream().map(p -> p.name()).toList());
        Set<String> zones = names(spec.zones().stream().map(z -> z.name()).toList());
        Set<String> acls = names(spec.acls().stream().map(a -> a.name()).toList());
        Set<String> projects = names(spec.projects().stream().map(p -> p.name()).toList());
        projects.add(DEFAULT);
        Resolver r = new Resolver(report);

        for (Network n : spec.networks()) {
            String s = "network " + n.name();
            n.zone().ifPresent(z -> r.resolve(s, n.loc().of("zone"), "zone", z, zones));
            n.acls().forEach(a -> r.resolve(s, n.loc().of("acls", a), "acl", a, acls));
            n.hosts().forEach(h -> r.resolve(s, n.loc().of("hosts", h), "host", h, hosts));
        }
        spec.storage().forEach(p -> p.source().keySet()
                .forEach(h -> r.resolve("pool " + p.name(), p.loc().of("source", h), "host", h, hosts)));
        spec.hosts().forEach(h -> h.capacity().ifPresent(c -> c.disks().keySet()
                .forEach(p -> r.resolve("host " + h.name(), c.loc().of("disks", p), "pool", p, pools))));
        for (Profile p : spec.profiles()) {
            r.resolve("profile " + p.name(), p.loc().of("project"), "project", p.project(), projects);
            settings(r, "profile " + p.name(), p.settings(), pools, networks);
        }
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(d -> settings(r, "project " + p.name()
                + " default profile", d.settings(), pools, networks)));
        // the profiles an instance may name, made once per project (once per instance was quadratic)
        Map<String, Set<String>> profilesOf = new HashMap<>();
        Set<String> defaultNames = names(spec.profiles().stream().filter(p -> p.project().equals(DEFAULT))
                .map(Profile::name).toList());
        for (Instance i : spec.instances()) {
            String s = "instance " + i.name();
            r.resolve(s, i.loc().of("project"), "project", i.project(), projects);
            i.target().ifPresent(t -> r.resolve(s, i.loc().of("target"), "host", t, hosts));
            profiles(spec, r, i, profilesOf, defaultNames);
            settings(r, s, i.settings(), pools, networks);
        }
        for (Cluster c : spec.clusters()) {
            String s = "cluster " + c.name();
            r.resolve(s, c.loc().of("project"), "project", c.project(), projects);
            r.resolve(s, c.loc().of("network"), "network", c.network(), networks);
            c.topology().targets().forEach(t -> r.resolve(s, c.topology().loc().of("targets", t), "host", t,
                    hosts));
            c.nodeGroups().forEach(g -> {
                g.root().ifPresent(root -> r.resolve(s + " group " + g.name(), root.loc().of("pool"), "pool",
                        root.pool(), pools));
                g.disks().forEach(d -> r.resolve(s + " group " + g.name(), d.loc().of("pool"), "pool", d.pool(),
                        pools));
            });
        }
        spec.acls().forEach(a -> {
            a.ingress().forEach(rule -> aclPeers(r, "acl " + a.name(), rule, acls));
            a.egress().forEach(rule -> aclPeers(r, "acl " + a.name(), rule, acls));
        });
    }

    /**
     * An instance's profiles resolve as Incus resolves them for its project: a project with its own profiles
     * ({@code features.profiles} true, the Incus default) sees only those, one with {@code features.profiles: false}
     * the default project's. A project the spec does not describe sees both (its own error is enough), and profiles
     * placed in a project without the feature are {@code profile-without-profiles-feature}'s to report.
     */
    private static void profiles(Spec spec, Resolver r, Instance i, Map<String, Set<String>> profilesOf,
                                 Set<String> defaultNames) {
        Set<String> seen = profilesOf.computeIfAbsent(i.project(), name -> {
            Optional<Project> project = spec.project(name);
            boolean shared = project.isEmpty() || Boolean.FALSE.equals(project.get().features().get("profiles"));
            Set<String> known = names(spec.profiles().stream()
                    .filter(p -> p.project().equals(name) || shared && p.project().equals(DEFAULT))
                    .map(Profile::name).toList());
            known.add(DEFAULT);
            return known;
        });
        for (String p : i.profiles()) {
            boolean hidden = !seen.contains(p) && defaultNames.contains(p);
            if (hidden) {
                String s = "instance " + i.name();
                r.report().error("reference-unresolved", s, i.loc().of("profiles", p), s + ": profile '" + p
                        + "' is a profile of the default project, which project " + i.project() + " does not see: it"
                        + " has its own profiles (features.profiles)", "Define profile " + p + " in project "
                        + i.project() + " too, or give the project `features: {profiles: false}` to use the"
                        + " default project's profiles instead of its own.");
            } else {
                r.resolve("instance " + i.name(), i.loc().of("profiles", p), "profile", p, seen);
            }
        }
    }

    private static void settings(Resolver r, String subject, Settings s, Set<String> pools, Set<String> networks) {
        s.root().ifPresent(root -> r.resolve(subject, root.loc().of("pool"), "pool", root.pool(), pools));
        s.disks().forEach(d -> r.resolve(subject + " disk " + d.name(), d.loc().of("pool"), "pool", d.pool(),
                pools));
        s.nics().forEach(n -> r.resolve(subject + " nic " + n.name(), n.loc().of("network"), "network",
                n.network(), networks));
    }

    /** ACL peers are CIDRs, addresses, {@code @internal}/{@code @external}, or names of other ACLs. */
    private static void aclPeers(Resolver r, String subject, AclRule rule, Set<String> acls) {
        rule.source().ifPresent(v -> peers(v).forEach(p -> r.resolve(subject, rule.loc().of("source"), "acl", p,
                acls)));
        rule.destination().ifPresent(v -> peers(v).forEach(p -> r.resolve(subject, rule.loc().of("destination"),
                "acl", p, acls)));
    }

    private static List<String> peers(String value) {
        return Arrays.stream(value.split(",")).map(String::trim)
                .filter(p -> !p.isEmpty() && !p.startsWith("@") && !p.contains(":")
                        && Ipv4.parseCidr(p).isEmpty() && Ipv4.parseAddress(p).isEmpty()
                        && !p.matches("[0-9./-]+"))
                .toList();
    }

    private static Set<String> names(Collection<String> names) {
        return names.stream().collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private record Resolver(Report report) {
        void resolve(String subject, SourcePos pos, String kind, String name, Set<String> known) {
            if (!known.contains(name)) {
                report.error("reference-unresolved", subject, pos, subject + ": " + kind + " '" + name
                        + "' is not defined" + Suggest.hint(name, known), known.isEmpty() ? "The spec defines no "
                        + kind + "s." : "Defined " + kind + "s: " + String.join(", ", known) + ".");
            }
        }
    }
}
