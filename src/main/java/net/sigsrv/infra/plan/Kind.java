package net.sigsrv.infra.plan;

import java.util.Set;

/**
 * The kinds of lab objects a plan manages, in the order they are created. Per-member kinds are the first step of
 * the cluster's two-step creation of networks and pools; their global kind follows.
 */
public enum Kind {
    PROJECT("project", Set.of()),
    ZONE("zone", Set.of()),
    ZONE_RECORD("zone_record", Set.of()),
    ACL("acl", Set.of()),
    POOL_MEMBER("pool", Set.of("driver", "config.source", "config.size")),
    POOL("pool", Set.of("driver")),
    NETWORK_MEMBER("network", Set.of("type")),
    NETWORK("network", Set.of("type")),
    PROFILE("profile", Set.of()),
    VOLUME("volume", Set.of("content_type", "location")),
    INSTANCE("instance", Set.of("type", "config." + Ownership.IMAGE_KEY, "location"));

    private final String label;
    private final Set<String> replaceFields;

    Kind(String label, Set<String> replaceFields) {
        this.label = label;
        this.replaceFields = replaceFields;
    }

    /** The word used in addresses and output ("network", "instance"). */
    public String label() {
        return label;
    }

    /** Fields whose change cannot be made in place: the object must be deleted and created again. */
    public boolean forcesReplacement(String field) {
        return replaceFields.contains(field);
    }

    public boolean isPerMember() {
        return this == POOL_MEMBER || this == NETWORK_MEMBER;
    }
}
