package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CephGuardTest {

    private static final String PROCEDURE = "follow the Rook OSD management procedure"
            + " (https://rook.io/docs/rook/latest/Storage-Configuration/Advanced/ceph-osd-mgmt/#remove-an-osd), then"
            + " wipe the OSD's device (https://rook.io/docs/rook/latest/Getting-Started/ceph-teardown/"
            + "#delete-the-data-on-hosts).";

    @Test
    void aCephClusterIsNeverDeleted() {
        assertThat(CephGuard.deleteRefusal("ceph.rook.io/v1", "CephCluster", "rook-ceph", "rook-ceph")).contains(
                "refusing to delete CephCluster rook-ceph/rook-ceph: infra never deletes Ceph resources"
                        + " (ceph.rook.io), because the data of every volume on the cluster goes with them. To free"
                        + " a disk, take its OSD out and reset the device instead: " + PROCEDURE);
    }

    @Test
    void poolsFilesystemsAndObjectStoresAreNeverDeleted() {
        for (String kind : new String[] {"CephBlockPool", "CephFilesystem", "CephObjectStore"}) {
            assertThat(CephGuard.deleteRefusal("ceph.rook.io/v1", kind, "rook-ceph", "data")).contains(
                    "refusing to delete " + kind + " rook-ceph/data: infra never deletes Ceph resources"
                            + " (ceph.rook.io), because the data of every volume on the cluster goes with them."
                            + " Delete the volumes, claims or buckets that use it instead; to free a disk, take its"
                            + " OSD out and reset the device: " + PROCEDURE);
        }
    }

    @Test
    void everyOtherKindOfTheGroupIsRefusedToo() {
        assertThat(CephGuard.deleteRefusal("ceph.rook.io/v1", "CephObjectStoreUser", "rook-ceph", "alice"))
                .contains("refusing to delete CephObjectStoreUser rook-ceph/alice: infra never deletes Ceph"
                        + " resources (ceph.rook.io), because the data of every volume on the cluster goes with"
                        + " them. Change it in place, or delete it by hand with kubectl if you are sure; to free a"
                        + " disk, take its OSD out and reset the device: " + PROCEDURE);
        assertThat(CephGuard.deleteRefusal("", "CephNFS", "", "nfs")).isPresent();
    }

    @Test
    void aCephCustomResourceDefinitionIsNeverDeleted() {
        assertThat(CephGuard.deleteRefusal("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                "cephclusters.ceph.rook.io")).contains("refusing to delete CustomResourceDefinition"
                + " cephclusters.ceph.rook.io: infra never deletes a Ceph custom resource definition, because"
                + " Kubernetes then deletes every cephclusters object with it, and their data. To free a disk, take"
                + " its OSD out and reset the device instead: " + PROCEDURE);
    }

    @Test
    void otherObjectsMayBeDeleted() {
        assertThat(CephGuard.deleteRefusal("v1", "PersistentVolumeClaim", "default", "data")).isEmpty();
        assertThat(CephGuard.deleteRefusal("apps/v1", "Deployment", "rook-ceph", "rook-ceph-tools")).isEmpty();
        assertThat(CephGuard.deleteRefusal("apiextensions.k8s.io/v1", "CustomResourceDefinition", "",
                "certificates.cert-manager.io")).isEmpty();
        assertThat(CephGuard.deleteRefusal("objectbucket.io/v1alpha1", "ObjectBucketClaim", "apps", "b")).isEmpty();
    }
}
