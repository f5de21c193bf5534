package net.sigsrv.infra.plan;

import java.util.Comparator;

/**
 * What a planned object is: the first word of its {@link Address}. Open, so that every layer names its own kinds
 * (the Incus layer's are {@link IncusKind}, also reachable here as {@code Kind.INSTANCE} and the like); a layer's
 * kinds are usually an enum implementing this interface. Code of one layer may switch over its own kinds by casting
 * ({@code switch ((IncusKind) a.kind())}): a layer only ever sees its own changes.
 *
 * <p>Plans list changes by kind in {@link #ORDER}: by {@link #rank()}, then by {@link #name()}.
 */
public interface Kind {

    Kind PROJECT = IncusKind.PROJECT;
    Kind ZONE = IncusKind.ZONE;
    Kind ZONE_RECORD = IncusKind.ZONE_RECORD;
    Kind ACL = IncusKind.ACL;
    Kind POOL_MEMBER = IncusKind.POOL_MEMBER;
    Kind POOL = IncusKind.POOL;
    Kind NETWORK_MEMBER = IncusKind.NETWORK_MEMBER;
    Kind NETWORK = IncusKind.NETWORK;
    Kind PROFILE = IncusKind.PROFILE;
    Kind VOLUME = IncusKind.VOLUME;
    Kind INSTANCE = IncusKind.INSTANCE;

    /** Kinds sorted as plans list them: by rank, then by name. */
    Comparator<Kind> ORDER = Comparator.comparingInt(Kind::rank).thenComparing(Kind::name);

    /** A stable identifier, unique over every layer: saved plans and JSON carry it ({@code INSTANCE}). */
    String name();

    /** The word used in addresses and output ("network", "instance", "talos_node"). */
    String label();

    /** Fields whose change cannot be made in place: the object must be deleted and created again. */
    boolean forcesReplacement(String field);

    /**
     * Where the kind sorts among all kinds: the Incus kinds take 0–99 (their creation order); a later layer takes
     * a higher block, so its changes are listed after the layers it builds on.
     */
    int rank();

    /** Whether the object is one cluster member's part of a global object (Incus networks and pools). */
    default boolean isPerMember() {
        return false;
    }
}
