package net.sigsrv.infra.plan;

import java.util.Set;

/**
 * The kinds of Incus objects a plan manages, in the order they are created. Per-member kinds are the first step of
 * the cluster's two-step creation of networks and pools; their global kind follows. Every other {@link Kind} sorts
 * after these (see {@link Kind#rank()}); {@link Kind} names each constant too ({@code Kind.INSTANCE}).
 */
public enum IncusKind implements Kind {
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

    IncusKind(String label, Set<String> replaceFields) {
        this.label = label;
        this.replaceFields = replaceFields;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public boolean forcesReplacement(String field) {
        return replaceFields.contains(field);
    }

    @Override
    public int rank() {
        return ordinal();
    }

    @Override
    public boolean isPerMember() {
        return this == POOL_MEMBER || this == NETWORK_MEMBER;
    }
}
