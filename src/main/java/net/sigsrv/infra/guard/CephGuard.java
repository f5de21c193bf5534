package net.sigsrv.infra.guard;

import java.util.Locale;
import java.util.Optional;

/**
 * Ceph resources are never deleted by any path of the tool. Every deletion of a Kubernetes object asks
 * {@link #deleteRefusal} first: a custom resource of Rook's {@code ceph.rook.io} group (CephCluster,
 * CephBlockPool, CephFilesystem, CephObjectStore and every other kind there) or the definition of one (a
 * CustomResourceDefinition named {@code *.ceph.rook.io}) is refused, and the message gives the safe way instead.
 * Losing a CephCluster loses every volume on it; the way to reuse a disk is to take its OSD out and wipe that device.
 */
public final class CephGuard {

    /** Rook's own procedure for taking an OSD out of the cluster. */
    public static final String OSD_PROCEDURE =
            "https://rook.io/docs/rook/latest/Storage-Configuration/Advanced/ceph-osd-mgmt/#remove-an-osd";
    /** Rook's instructions for wiping a device an OSD used. */
    public static final String WIPE_DEVICE =
            "https://rook.io/docs/rook/latest/Getting-Started/ceph-teardown/#delete-the-data-on-hosts";

    private static final String GROUP = "ceph.rook.io";
    private static final String CRD_GROUP = "apiextensions.k8s.io";

    private CephGuard() {
    }

    /**
     * Why deleting this object is refused, or empty when it is not a Ceph resource.
     *
     * @param apiVersion the object's {@code apiVersion} ({@code ceph.rook.io/v1}) or its group alone
     * @param kind       its kind ({@code CephCluster}, {@code CustomResourceDefinition}, …)
     * @param namespace  its namespace, or "" for cluster-scoped objects
     * @param name       its name
     */
    public static Optional<String> deleteRefusal(String apiVersion, String kind, String namespace, String name) {
        String group = group(apiVersion);
        String what = kind + " " + (namespace == null || namespace.isEmpty() ? "" : namespace + "/") + name;
        if (group.equals(GROUP) || (group.isEmpty() && kind.startsWith("Ceph"))) {
            return Optional.of("refusing to delete " + what + ": infra never deletes Ceph resources (" + GROUP
                    + "), because the data of every volume on the cluster goes with them. " + alternative(kind));
        }
        if (group.equals(CRD_GROUP) && kind.equals("CustomResourceDefinition")
                && name.toLowerCase(Locale.ROOT).endsWith("." + GROUP)) {
            return Optional.of("refusing to delete " + what + ": infra never deletes a Ceph custom resource"
                    + " definition, because Kubernetes then deletes every " + name.substring(0, name.indexOf('.'))
                    + " object with it, and their data. " + alternative("CephCluster"));
        }
        return Optional.empty();
    }

    /** What to do instead, for the kind asked about. */
    private static String alternative(String kind) {
        return switch (kind) {
            case "CephCluster" -> "To free a disk, take its OSD out and reset the device instead: follow the Rook"
                    + " OSD management procedure (" + OSD_PROCEDURE + "), then wipe the OSD's device ("
                    + WIPE_DEVICE + ").";
            case "CephBlockPool", "CephFilesystem", "CephObjectStore" -> "Delete the volumes, claims or buckets"
                    + " that use it instead; to free a disk, take its OSD out and reset the device: follow the Rook"
                    + " OSD management procedure (" + OSD_PROCEDURE + "), then wipe the OSD's device ("
                    + WIPE_DEVICE + ").";
            default -> "Change it in place, or delete it by hand with kubectl if you are sure; to free a disk, take"
                    + " its OSD out and reset the device: follow the Rook OSD management procedure ("
                    + OSD_PROCEDURE + "), then wipe the OSD's device (" + WIPE_DEVICE + ").";
        };
    }

    private static String group(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        String g = slash < 0 ? (apiVersion.contains(".") ? apiVersion : "") : apiVersion.substring(0, slash);
        return g.toLowerCase(Locale.ROOT);
    }
}
