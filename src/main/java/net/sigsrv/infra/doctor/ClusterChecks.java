package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.api.ServerInfo;
import net.sigsrv.infra.spec.model.Spec;

/** The cluster's own health: members Online, members as the spec names them, database roles, versions. */
final class ClusterChecks {

    private ClusterChecks() {
    }

    static List<Finding> run(LabView lab) {
        List<Finding> out = new ArrayList<>();
        for (ClusterMember m : lab.members()) {
            out.add(online(m, lab.servers().get(m.serverName())));
        }
        lab.spec().ifPresent(spec -> out.addAll(inSpec(lab, spec)));
        if (lab.clustered()) {
            out.add(database(lab));
        }
        out.add(versions(lab));
        return out;
    }

    private static Finding online(ClusterMember m, Read<?> answer) {
        Finding.Builder f = Finding.of(Check.MEMBER_ONLINE, m.serverName(), m.serverName())
                .evidence("status " + m.status() + (m.message().isEmpty() ? "" : ", message \"" + m.message() + "\"")
                        + (m.url() == null || m.url().isEmpty() ? "" : ", url " + m.url()))
                .remedy(Remedy.say("Start the daemon on " + m.serverName() + " (`systemctl start incus`; in the test"
                        + " lab `lab/fault start-member " + m.serverName() + "`); it rejoins the cluster by itself."));
        if (!m.isOnline()) {
            return f.critical(m.serverName() + " is " + m.status() + (m.message().isEmpty() ? "" : ": "
                    + m.message()));
        }
        if (answer != null && !answer.ok()) {
            // the cluster notices a dead member only after its heartbeat timeout (~20 s); a request says it at once
            return f.evidence("GET /1.0?target=" + m.serverName() + ": " + answer.error()).critical(m.serverName()
                    + " does not answer (the cluster still lists it Online)");
        }
        return f.ok(m.serverName() + " is Online");
    }

    private static List<Finding> inSpec(LabView lab, Spec spec) {
        List<Finding> out = new ArrayList<>();
        List<String> members = lab.memberNames();
        for (String host : spec.hostNames()) {
            Finding.Builder f = Finding.of(Check.MEMBERS_IN_SPEC, host, host)
                    .evidence("cluster members: " + String.join(", ", members));
            out.add(members.contains(host) ? f.ok(host + " is a cluster member")
                    : f.remedy(Remedy.say("Join " + host + " to the cluster (`incus cluster add " + host
                            + "`), or remove it from the spec's hosts.")).error("the spec names host " + host
                            + ", which is not a cluster member"));
        }
        for (String m : members) {
            if (!spec.hostNames().contains(m) && lab.clustered()) {
                out.add(Finding.of(Check.MEMBERS_IN_SPEC, m, m).evidence("spec hosts: "
                                + String.join(", ", spec.hostNames()))
                        .remedy(Remedy.say("Add " + m + " to the spec's hosts, or remove it from the cluster."))
                        .warn("cluster member " + m + " is not in the spec"));
            }
        }
        return out;
    }

    private static Finding database(LabView lab) {
        List<String> leaders = new ArrayList<>();
        List<String> down = new ArrayList<>();
        Finding.Builder f = Finding.of(Check.DATABASE, "", "database");
        for (ClusterMember m : lab.members()) {
            List<String> db = m.roles().stream().filter(r -> r.startsWith("database")).toList();
            f.evidence(m.serverName() + ": roles " + (m.roles().isEmpty() ? "none" : String.join(", ", m.roles()))
                    + ", " + m.status());
            if (db.contains("database-leader")) {
                leaders.add(m.serverName());
            }
            if (!db.isEmpty() && !m.isOnline()) {
                down.add(m.serverName());
            }
        }
        if (leaders.isEmpty()) {
            return f.remedy(Remedy.say("Bring the database members back Online; the cluster elects a leader once"
                    + " a majority of voters answers.")).critical("the cluster has no database leader");
        }
        if (!down.isEmpty()) {
            return f.remedy(Remedy.say("Bring " + String.join(", ", down) + " back Online.")).error("database"
                    + " member(s) " + String.join(", ", down) + " not Online");
        }
        return f.ok("database leader " + String.join(", ", leaders) + "; every database member Online");
    }

    private static Finding versions(LabView lab) {
        Map<String, String> versions = new LinkedHashMap<>();
        Map<String, Set<String>> extensions = new LinkedHashMap<>();
        Finding.Builder f = Finding.of(Check.VERSIONS, "", "versions");
        lab.servers().forEach((member, read) -> {
            if (read.ok() && read.value().environment() != null) {
                ServerInfo s = read.value();
                versions.put(member, s.flavour() + " " + s.environment().serverVersion());
                extensions.put(member, new TreeSet<>(s.apiExtensions()));
                f.evidence(member + ": " + s.flavour() + " " + s.environment().serverVersion() + ", "
                        + s.apiExtensions().size() + " api_extensions");
            } else {
                f.evidence(member + ": " + (read.ok() ? "no environment" : read.error()));
            }
        });
        if (new TreeSet<>(versions.values()).size() > 1) {
            return f.remedy(Remedy.say("Upgrade every member to the same release.")).error("members run different"
                    + " versions: " + versions);
        }
        if (new java.util.HashSet<>(extensions.values()).size() > 1) {
            Set<String> all = new TreeSet<>();
            extensions.values().forEach(all::addAll);
            Map<String, List<String>> missing = new LinkedHashMap<>();
            extensions.forEach((m, ext) -> {
                List<String> lack = all.stream().filter(e -> !ext.contains(e)).toList();
                if (!lack.isEmpty()) {
                    missing.put(m, lack);
                }
            });
            missing.forEach((m, lack) -> f.evidence(m + " lacks " + String.join(", ", lack)));
            return f.remedy(Remedy.say("Upgrade the members that lack extensions.")).error("members differ in"
                    + " api_extensions");
        }
        return f.ok(versions.isEmpty() ? "no member answered" : "every member runs "
                + versions.values().iterator().next() + " with the same api_extensions");
    }
}
