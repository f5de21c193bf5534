package net.sigsrv.infra.spec.model;

import java.util.Map;
import java.util.Optional;

/**
 * A project. {@code features} holds only the keys the spec sets; {@code defaultProfile} is the project's
 * {@code default} profile when the spec describes it.
 */
public record Project(String name, String description, Map<String, Boolean> features, Optional<Limits> limits,
                      Map<String, String> restrictions, Optional<Profile> defaultProfile, Loc loc) {
    public Project {
        features = Ordered.copy(features);
        restrictions = Ordered.copy(restrictions);
    }
}
