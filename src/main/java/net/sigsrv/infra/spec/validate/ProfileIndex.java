package net.sigsrv.infra.spec.validate;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Spec;

/**
 * The spec's profiles by project and name, looked up as Incus resolves a profile for a project: the project's own
 * first, then (for {@code default}) the project's {@code default-profile}, then the default project's. Built once
 * per rule, so resolving every instance's profiles stays linear in the size of the spec.
 */
final class ProfileIndex {

    private final Map<String, Profile> byProjectAndName = new HashMap<>();
    private final Map<String, Profile> defaultProfiles = new HashMap<>();

    ProfileIndex(Spec spec) {
        spec.profiles().forEach(p -> byProjectAndName.putIfAbsent(key(p.project(), p.name()), p));
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(d -> defaultProfiles.putIfAbsent(p.name(), d)));
    }

    Optional<Profile> find(String project, String name) {
        Profile own = byProjectAndName.get(key(project, name));
        if (own != null) {
            return Optional.of(own);
        }
        if (name.equals("default") && defaultProfiles.containsKey(project)) {
            return Optional.of(defaultProfiles.get(project));
        }
        return Optional.ofNullable(byProjectAndName.get(key("default", name)));
    }

    private static String key(String project, String name) {
        return project + "\u0000" + name;
    }
}
