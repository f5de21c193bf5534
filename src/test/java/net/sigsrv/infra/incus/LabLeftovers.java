package net.sigsrv.infra.incus;

import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.incus.api.Instance;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;

/**
 * Everything in the lab whose name carries a test class's unique token: what that class left behind. Each lab test
 * class asserts this is empty after its last test, so a run leaves the lab as it found it.
 */
final class LabLeftovers {

    private LabLeftovers() {
    }

    static List<String> find(IncusClient client, String token) {
        List<String> found = new ArrayList<>();
        List<Project> projects = client.projects().list();
        for (Project p : projects) {
            if (p.name().contains(token)) {
                found.add("project " + p.name());
            }
            for (Instance i : client.instances().list(p.name())) {
                if (i.name().contains(token)) {
                    found.add("instance " + p.name() + "/" + i.name() + " on " + i.location());
                }
            }
            for (Profile pr : client.projects().profiles(p.name())) {
                if (pr.name().contains(token)) {
                    found.add("profile " + p.name() + "/" + pr.name());
                }
            }
            for (NetworkAcl a : client.networks().acls(p.name())) {
                if (a.name().contains(token)) {
                    found.add("network ACL " + p.name() + "/" + a.name());
                }
            }
            for (StoragePool pool : client.storage().pools()) {
                for (StorageVolume v : client.storage().volumes(p.name(), pool.name())) {
                    if (v.name().contains(token)) {
                        found.add("volume " + p.name() + "/" + pool.name() + "/" + v.name() + " on " + v.location());
                    }
                }
            }
        }
        for (Network n : client.networks().list(null)) {
            if (n.name().contains(token)) {
                found.add("network " + n.name());
            }
        }
        for (NetworkZone z : client.networks().zones()) {
            if (z.name().contains(token)) {
                found.add("network zone " + z.name());
            }
        }
        return found;
    }
}
