package net.sigsrv.infra.spec.validate;

import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Project;
import net.sigsrv.infra.spec.model.Spec;

/**
 * {@code profile-without-profiles-feature}: a project with {@code features.profiles: false} has no profiles of its
 * own — the daemon answers for its {@code default} (and any other) profile with the default project's. A profile
 * described for such a project would be written over the default project's profile of that name, changing every
 * instance of the default project that uses it.
 */
final class ProjectFeatureRules implements SpecValidator.Rules {

    @Override
    public void check(Spec spec, Report report) {
        Map<String, Project> shared = new java.util.HashMap<>();
        spec.projects().stream().filter(p -> Boolean.FALSE.equals(p.features().get("profiles")))
                .forEach(p -> shared.put(p.name(), p));
        for (Project p : shared.values()) {
            p.defaultProfile().ifPresent(d -> report.error("profile-without-profiles-feature",
                    "project " + p.name(), p.loc().of("default-profile"), "project " + p.name()
                    + " describes a default-profile but has features.profiles: false",
                    "Without its own profiles the project uses the default project's, so this would change the"
                    + " default project's default profile. Set `features: {profiles: true}` or drop"
                    + " `default-profile`."));
        }
        for (Profile pr : spec.profiles()) {
            Optional.ofNullable(shared.get(pr.project())).ifPresent(p -> report.error(
                    "profile-without-profiles-feature", "profile " + pr.name(), pr.loc().of("project"),
                    "profile " + pr.name() + " is placed in project " + p.name() + ", which has"
                    + " features.profiles: false", "That project uses the default project's profiles, so this"
                    + " would create or change profile " + pr.name() + " of the default project. Set"
                    + " `features: {profiles: true}` on project " + p.name() + " or leave `project` out."));
        }
    }
}
