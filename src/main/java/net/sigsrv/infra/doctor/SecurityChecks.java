package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sigsrv.infra.guard.PrivilegedRule;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.spec.model.Privilege;

/**
 * Isolation: privileged and privileged-equivalent instances need a written reason, and no profile makes them so;
 * tenant projects set limits; no volume is used by several projects ({@link VolumeSharing}); a bridge that several
 * projects' instances share is filtered by ACLs.
 */
final class SecurityChecks {

    private SecurityChecks() {
    }

    static List<Finding> run(LabView lab) {
        List<Finding> out = new ArrayList<>();
        for (Instance i : lab.instances().get().orElse(List.of())) {
            if (!Doctor.PROBE_PROJECT.equals(i.project())) {
                privileged(lab, i).ifPresent(out::add);
            }
        }
        lab.profiles().forEach((project, read) -> read.get().orElse(List.of()).forEach(p -> {
            List<PrivilegedRule.Grant> grants = PrivilegedRule.grants(List.of(new PrivilegedRule.Source("",
                    p.config())));
            if (!grants.isEmpty()) {
                String subject = "profile " + project + "/" + p.name();
                Finding.Builder f = Finding.of(Check.PRIVILEGED, "", subject);
                grants.forEach(g -> f.evidence(subject + ": " + shown(g)));
                List<String> keys = grants.stream().map(PrivilegedRule.Grant::key).toList();
                out.add(f.remedy(Remedy.say("Drop " + String.join(", ", keys) + " from " + subject + "; an instance"
                        + " that needs it sets it itself, declared in the spec with a `reason`.")).warn(subject
                        + " makes every instance using it " + kind(keys) + " (" + String.join(", ", keys) + ")"));
            }
        }));
        for (Project p : lab.projects()) {
            if (p.name().equals("default") || p.name().equals(Doctor.PROBE_PROJECT)) {
                continue;
            }
            List<String> limits = p.config().entrySet().stream().filter(e -> e.getKey().startsWith("limits.")
                    && !e.getValue().isEmpty()).map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
            Finding.Builder f = Finding.of(Check.PROJECT_LIMITS, "", p.name())
                    .evidence("limits of " + p.name() + ": " + (limits.isEmpty() ? "none" : String.join(", ", limits)));
            out.add(limits.isEmpty() ? f.remedy(Remedy.say("Set limits on project " + p.name() + " in the spec"
                    + " (`limits: {instances, cpu, memory, …}`).")).warn("project " + p.name() + " sets no limits")
                    : f.ok("project " + p.name() + " sets limits"));
        }
        out.addAll(VolumeSharing.run(lab));
        out.addAll(sharedBridges(lab));
        return out;
    }

    /**
     * The finding of an instance whose expanded config is privileged or privileged-equivalent ({@link
     * Privilege}): ok when the spec declares each such key on it with a reason, else a warning naming the keys.
     */
    private static Optional<Finding> privileged(LabView lab, Instance i) {
        List<PrivilegedRule.Grant> grants = PrivilegedRule.grants(List.of(
                new PrivilegedRule.Source("its profiles", i.expandedConfig()), new PrivilegedRule.Source("",
                        i.config())));
        if (grants.isEmpty()) {
            return Optional.empty();
        }
        String subject = i.project() + "/" + i.name();
        Optional<net.sigsrv.infra.spec.model.Instance> declared = lab.spec().flatMap(s -> s.instances().stream()
                .filter(x -> x.name().equals(i.name()) && x.project().equals(i.project())).findFirst());
        Set<String> allowed = declared.map(Privilege::declared).orElse(Set.of());
        List<String> keys = grants.stream().map(PrivilegedRule.Grant::key).toList();
        List<String> undeclared = keys.stream().filter(k -> !allowed.contains(k)).toList();
        Finding.Builder f = Finding.of(Check.PRIVILEGED, i.location(), subject);
        grants.forEach(g -> f.evidence(subject + ": " + shown(g)));
        if (undeclared.isEmpty()) {
            return Optional.of(f.evidence("reason in the spec: " + declared.flatMap(x -> x.reason()).orElse(""))
                    .ok(subject + " is " + kind(keys) + " for a written reason"));
        }
        return Optional.of(f.remedy(Remedy.say("Drop " + String.join(", ", undeclared) + " from " + subject
                + " (or from its profiles), or write why in the spec (" + (undeclared.contains(Privilege.PRIVILEGED)
                ? "`privileged: true`" : "the keys in its `config:`") + " with a `reason`).")).warn(subject + " is "
                + kind(undeclared) + (kind(undeclared).equals("privileged") ? "" : " (" + String.join(", ",
                undeclared) + ")") + " without a reason in the spec"));
    }

    private static String kind(List<String> keys) {
        return keys.contains(Privilege.PRIVILEGED) ? "privileged" : "privileged-equivalent";
    }

    private static String shown(PrivilegedRule.Grant g) {
        return (g.key().equals(Privilege.PRIVILEGED) ? g.key() + "=" + g.value() : g.key() + " is set")
                + (g.from().isEmpty() ? "" : " (from " + g.from() + ")");
    }

    /** Bridges whose NICs belong to instances of more than one project, and whether ACLs filter them. */
    private static List<Finding> sharedBridges(LabView lab) {
        List<Finding> out = new ArrayList<>();
        for (net.sigsrv.infra.incus.api.Network b : lab.bridges()) {
            java.util.SortedSet<String> projects = new java.util.TreeSet<>();
            for (Instance i : lab.instances().get().orElse(List.of())) {
                if (!Doctor.PROBE_PROJECT.equals(i.project()) && i.expandedDevices().values().stream()
                        .anyMatch(d -> NicCheck.isNicOn(d, b.name()))) {
                    projects.add(i.project());
                }
            }
            if (projects.size() < 2) {
                continue;
            }
            String acls = b.config().getOrDefault("security.acls", "");
            Finding.Builder f = Finding.of(Check.NETWORK_ACL, "", b.name()).network(b.name())
                    .evidence("projects with instances on " + b.name() + ": " + String.join(", ", projects))
                    .evidence("security.acls of " + b.name() + ": " + (acls.isEmpty() ? "none" : acls));
            out.add(acls.isEmpty() ? f.remedy(Remedy.say("Give " + b.name() + " ACLs (`acls:` in the spec), or each"
                    + " project its own bridge.")).warn("bridge " + b.name() + " is shared by projects "
                    + String.join(", ", projects) + " without ACLs")
                    : f.ok("bridge " + b.name() + " is shared by " + projects.size() + " projects, filtered by "
                            + acls));
        }
        return out;
    }
}
