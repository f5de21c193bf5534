package net.sigsrv.infra.spec.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.sigsrv.infra.diag.Excerpt;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Settings;
import net.sigsrv.infra.spec.model.Spec;

/** {@code name-invalid} and {@code name-duplicate}: every name is valid for what it names and unique in scope. */
final class NameRules implements SpecValidator.Rules {

    /** One named thing: its kind (for messages), its name, scope, and where the name is written. */
    private record Named(String kind, String name, String scope, Loc loc) {
    }

    @Override
    public void check(Spec spec, Report report) {
        spec.hosts().forEach(h -> valid(report, "host", h.name(), h.loc(), Names::hostname));
        spec.networks().forEach(n -> {
            valid(report, "network", n.name(), n.loc(), Names::iface);
            n.iface().ifPresent(i -> validAt(report, "network " + n.name() + ": interface", i, n.loc(),
                    "interface", Names::iface));
        });
        spec.storage().forEach(p -> valid(report, "pool", p.name(), p.loc(), Names::incus));
        spec.projects().forEach(p -> valid(report, "project", p.name(), p.loc(), Names::incus));
        spec.profiles().forEach(p -> valid(report, "profile", p.name(), p.loc(), Names::incus));
        spec.instances().forEach(i -> valid(report, "instance", i.name(), i.loc(), Names::hostname));
        spec.zones().forEach(z -> valid(report, "zone", z.name(), z.loc(), Names::dns));
        spec.acls().forEach(a -> valid(report, "acl", a.name(), a.loc(), Names::incus));
        spec.clusters().forEach(c -> {
            valid(report, "cluster", c.name(), c.loc(), Names::hostname);
            c.nodeGroups().forEach(g -> valid(report, "cluster " + c.name() + ": node group", g.name(), g.loc(),
                    Names::hostname));
        });

        unique(report, spec.hosts().stream().map(h -> new Named("host", h.name(), "", h.loc())).toList());
        unique(report, spec.networks().stream().map(n -> new Named("network", n.name(), "", n.loc())).toList());
        unique(report, spec.storage().stream().map(p -> new Named("pool", p.name(), "", p.loc())).toList());
        unique(report, spec.projects().stream().map(p -> new Named("project", p.name(), "", p.loc())).toList());
        unique(report, spec.zones().stream().map(z -> new Named("zone", z.name(), "", z.loc())).toList());
        unique(report, spec.acls().stream().map(a -> new Named("acl", a.name(), "", a.loc())).toList());
        unique(report, spec.clusters().stream().map(c -> new Named("cluster", c.name(), "", c.loc())).toList());
        unique(report, spec.profiles().stream()
                .map(p -> new Named("profile", p.name(), "project " + p.project(), p.loc())).toList());
        unique(report, spec.instances().stream()
                .map(i -> new Named("instance", i.name(), "project " + i.project(), i.loc())).toList());
        spec.clusters().forEach(c -> unique(report, c.nodeGroups().stream()
                .map(g -> new Named("node group", g.name(), "cluster " + c.name(), g.loc())).toList()));
        spec.instances().forEach(i -> devices(report, "instance " + i.name(), i.settings()));
        spec.profiles().forEach(p -> devices(report, "profile " + p.name(), p.settings()));
        spec.projects().forEach(p -> p.defaultProfile().map(Profile::settings)
                .ifPresent(s -> devices(report, "project " + p.name() + " default profile", s)));
    }

    private static void devices(Report report, String owner, Settings s) {
        List<Named> devices = new ArrayList<>();
        s.nics().forEach(n -> devices.add(new Named("device", n.name(), owner, n.loc())));
        s.disks().forEach(d -> devices.add(new Named("device", d.name(), owner, d.loc())));
        s.root().ifPresent(r -> devices.add(new Named("device", "root", owner, r.loc())));
        s.nics().forEach(n -> validAt(report, owner + ": nic", n.name(), n.loc(), "name", Names::iface));
        unique(report, devices);
    }

    private static void valid(Report report, String kind, String name, Loc loc,
                              Function<String, Optional<String>> rule) {
        validAt(report, kind, name, loc, "name", rule);
    }

    private static void validAt(Report report, String kind, String name, Loc loc, String key,
                                Function<String, Optional<String>> rule) {
        rule.apply(name).ifPresent(why -> report.error("name-invalid", kind + " " + Excerpt.of(name), loc.of(key),
                kind + " '" + Excerpt.of(name) + "' is not " + why));
    }

    private static void unique(Report report, List<Named> named) {
        Map<String, Named> first = new HashMap<>();
        for (Named n : named) {
            Named earlier = first.putIfAbsent(n.scope() + "\u0000" + n.name(), n);
            if (earlier != null && !n.name().isEmpty()) {
                report.error("name-duplicate", n.kind() + " " + Excerpt.of(n.name()), n.loc().of("name"),
                        n.kind() + " '" + Excerpt.of(n.name()) + "' is defined twice" + (n.scope().isEmpty() ? ""
                                : " in " + n.scope()) + " (first at line " + earlier.loc().of("name").line() + ")");
            }
        }
    }

}
