package net.sigsrv.infra.doctor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Project;

/**
 * "No storage shared between projects", checked from the instance list the doctor already holds: every disk device
 * naming a {@code pool} and a {@code source} that is not a host path mounts a custom volume, which lives in the
 * instance's project when that project has {@code features.storage.volumes=true} and in {@code default} otherwise
 * (that is where the daemon puts a volume created "in" such a project). A volume whose users span two projects is
 * an error. No extra API call: LXD 5.0.2 has no all-projects volume list, and the disks say all that is needed.
 */
final class VolumeSharing {

    /** A custom volume as the daemon stores it. */
    private record Volume(String project, String pool, String name) implements Comparable<Volume> {
        @Override
        public int compareTo(Volume o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return project + "/" + pool + "/" + name;
        }
    }

    private VolumeSharing() {
    }

    static List<Finding> run(LabView lab) {
        if (!lab.instances().ok()) {
            return List.of(); // the NIC check already says the instances could not be read
        }
        Map<String, Boolean> ownVolumes = lab.projects().stream().collect(Collectors.toMap(Project::name,
                p -> "true".equals(p.config().get("features.storage.volumes")), (a, b) -> a));
        // volume → instance project → instances (with the disk's name)
        SortedMap<Volume, SortedMap<String, Set<String>>> users = new TreeMap<>();
        for (Instance i : lab.instances().get().orElse(List.of())) {
            if (Doctor.PROBE_PROJECT.equals(i.project())) {
                continue;
            }
            String storageProject = i.project().equals("default") || ownVolumes.getOrDefault(i.project(), false)
                    ? i.project() : "default";
            i.expandedDevices().forEach((device, d) -> {
                String pool = d.getOrDefault("pool", "");
                String source = d.getOrDefault("source", "");
                if ("disk".equals(d.get("type")) && !pool.isEmpty() && !source.isEmpty() && !source.startsWith("/")) {
                    users.computeIfAbsent(new Volume(storageProject, pool, source), k -> new TreeMap<>())
                            .computeIfAbsent(i.project(), k -> new TreeSet<>()).add(i.name() + " (disk " + device
                            + ")");
                }
            });
        }
        List<Finding> out = new ArrayList<>();
        int single = 0;
        for (Map.Entry<Volume, SortedMap<String, Set<String>>> e : users.entrySet()) {
            Volume v = e.getKey();
            SortedMap<String, Set<String>> byProject = e.getValue();
            if (byProject.size() < 2) {
                single++;
                continue;
            }
            Finding.Builder f = Finding.of(Check.VOLUME_SHARED, "", v.toString());
            byProject.forEach((project, instances) -> f.evidence("project " + project + ": " + String.join(", ",
                    instances)));
            out.add(f.remedy(Remedy.say("Give each project its own volume: create one in each project (with"
                    + " `features.storage.volumes: true` on the project), copy the data (`infra storage volume"
                    + " snapshot` then copy), and detach " + v.name() + " from the other projects' instances."))
                    .error("volume " + v.name() + " in pool " + v.pool() + " (project " + v.project() + ") is attached"
                            + " to instances of projects " + String.join(", ", byProject.keySet())));
        }
        if (out.isEmpty()) {
            out.add(Finding.of(Check.VOLUME_SHARED, "", "volumes").evidence(single + " custom volume(s) attached to"
                    + " instances, each within one project").ok("no custom volume is shared between projects"));
        }
        return out;
    }
}
