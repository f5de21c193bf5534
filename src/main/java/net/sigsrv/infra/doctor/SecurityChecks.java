package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Project;

/**
 * Isolation: privileged instances need a written reason; tenant projects set limits; no volume is used by several
 * projects ({@link VolumeSharing}); a bridge that several projects' instances share is filtered by ACLs.
 */
final class SecurityChecks {

    private SecurityChecks() {
    }

    static List<Finding> run(LabView lab) {
        List<Finding> out = new ArrayList<>();
        for (Instance i : lab.instances().get().orElse(List.of())) {
            if (Doctor.PROBE_PROJECT.equals(i.project())) {
                continue;
            }
            if (!"true".equals(i.expandedConfig().get("security.privileged"))) {
                continue;
            }
            String subject = i.project() + "/" + i.name();
            Optional<String> reason = lab.spec().flatMap(s -> s.instances().stream()
                    .filter(x -> x.name().equals(i.name()) && x.project().equals(i.project())).findFirst())
                    .flatMap(net.sigsrv.infra.spec.model.Instance::reason);
            Finding.Builder f = Finding.of(Check.PRIVILEGED, i.location(), subject)
                    .evidence(subject + ": security.privileged=true");
            out.add(reason.isPresent() ? f.evidence("reason in the spec: " + reason.get())
                    .ok(subject + " is privileged for a written reason")
                    : f.remedy(Remedy.say("Drop security.privileged from " + subject + ", or write why in the"
                            + " spec (`privileged: true` with a `reason`).")).warn(subject + " is privileged"
                            + " without a reason in the spec"));
        }
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
