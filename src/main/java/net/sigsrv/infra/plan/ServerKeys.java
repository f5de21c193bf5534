package net.sigsrv.infra.plan;

import java.util.List;

/**
 * Keys the daemon writes by itself. They never show as drift unless the spec declares them; which keys these are
 * was checked against LXD 5.0.2 (apply, then plan must show no changes).
 */
final class ServerKeys {

    private static final List<String> INSTANCE = List.of("config.image.");
    private static final List<String> PROJECT = List.of("config.features.");
    private static final List<String> POOL = List.of("config.source", "config.size", "config.zfs.pool_name",
            "config.lvm.thinpool_name", "config.lvm.vg_name", "config.btrfs.mount_options",
            // the Ceph drivers' FillConfig defaults (cluster, user, placement groups, the OSD pool or path)
            "config.ceph.cluster_name", "config.ceph.user.name", "config.ceph.osd.pg_num", "config.ceph.osd.pool_size",
            "config.ceph.osd.pool_name", "config.cephfs.cluster_name", "config.cephfs.user.name", "config.cephfs.path");
    private static final List<String> VOLUME = List.of("config.block.filesystem", "config.block.mount_options");
    private static final List<String> NETWORK = List.of("config.bridge.external_interfaces", "config.ipv6.");

    private ServerKeys() {
    }

    /** Runtime bookkeeping of the daemon ({@code volatile.*}): never compared, never fingerprinted. */
    static boolean isVolatile(String configKey) {
        return configKey.startsWith("volatile.");
    }

    /** Whether an observed field the spec does not declare is the daemon's own, not drift. */
    static boolean ignoredWhenUndeclared(Kind kind, String field) {
        if (!(kind instanceof IncusKind incus)) {
            return false;
        }
        List<String> prefixes = switch (incus) {
            case INSTANCE -> INSTANCE;
            case PROJECT -> PROJECT;
            case POOL, POOL_MEMBER -> POOL;
            case VOLUME -> VOLUME;
            case NETWORK -> NETWORK;
            default -> List.of();
        };
        return prefixes.stream().anyMatch(field::startsWith);
    }
}
