package net.sigsrv.infra.talos.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.plan.Resource;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.Test;

/** The Incus objects of a cluster, field by field, as the daemon reports them once made. */
class ClusterResourcesTest {

    private static final String SPEC = Specs.HOSTS + """
              - name: iso
                description: Images
                purpose: images
                driver: dir
                source: {sigsrv: /srv/iso, minisrv: /srv/iso, nanosrv: /srv/iso}
            networks:
              - name: sys
                description: System
                ipv4: 10.20.0.0/24
                zone: sys.test
            zones:
              - name: sys.test
                description: System zone
                records:
                  - {name: c1-w-2, type: A, value: 10.20.0.200}
            projects:
              - name: k
                description: Kubernetes
                default-profile:
                  root: {pool: nvme, size: 50GiB}
            clusters:
              - name: c1
                description: Test cluster
                project: k
                network: sys
                talos: v1.10.2
                endpoint: https://api.sys.test:6443
                topology:
                  targets: [sigsrv, minisrv]
                node-groups:
                  - {name: cp, role: controlplane, count: 3, cpu: 2, memory: 2GiB}
                  - name: w
                    role: worker
                    count: 2
                    cpu: 4
                    memory: 8GiB
                    root: {pool: nvme, size: 40GiB}
                    disks: [{name: data, pool: nvme, size: 100GiB}]
            """;

    private final Spec spec = Specs.parse(SPEC);
    private final NodePlan nodes = NodePlan.of(spec);

    private Map<String, String> fields(Map<Address, Resource> all, String address) {
        return all.values().stream().filter(r -> r.address().toString().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " not among " + all.keySet())).fields();
    }

    @Test
    void aWorkerVmIsWhollyDescribedBootsItsIsoFirstAndReservesItsAddress() {
        Map<Address, Resource> all = ClusterResources.of(spec, nodes, true);
        Node w1 = nodes.of("c1").stream().filter(n -> n.name().equals("c1-w-1")).findFirst().orElseThrow();
        Map<String, String> vm = fields(all, "instance.k/c1-w-1");
        assertThat(vm).containsEntry("type", "virtual-machine").containsEntry("profiles", "")
                .containsEntry("state", "running").containsEntry("location", "minisrv")
                .containsEntry("config." + Ownership.KEY, "lab")
                .containsEntry("config.limits.cpu", "4").containsEntry("config.limits.memory", "8GiB")
                .containsEntry("config.security.secureboot", "false")
                .containsEntry("devices.root.pool", "nvme").containsEntry("devices.root.size", "40GiB")
                .containsEntry("devices.root.path", "/").containsEntry("devices.root.boot.priority", "1")
                .containsEntry("devices.iso.pool", "iso").containsEntry("devices.iso.source", "talos-v1.10.2-minisrv")
                .containsEntry("devices.iso.boot.priority", "10")
                .containsEntry("devices.data.type", "disk").containsEntry("devices.data.pool", "nvme")
                .containsEntry("devices.data.source", "c1-w-1-data")
                .containsEntry("devices.eth0.type", "nic").containsEntry("devices.eth0.network", "sys")
                .containsEntry("devices.eth0.ipv4.address", w1.address().orElseThrow())
                .containsEntry("devices.eth0.hwaddr", w1.mac().orElseThrow())
                .doesNotContainKey("config." + Ownership.IMAGE_KEY)
                .doesNotContainKey("devices.data.path");
        assertThat(Integer.parseInt(vm.get("devices.iso.boot.priority")))
                .isGreaterThan(Integer.parseInt(vm.get("devices.root.boot.priority")));
    }

    @Test
    void aControlPlaneWithoutItsOwnRootTakesTheDefaultProfilesPoolAndTheDefaultSize() {
        Map<String, String> vm = fields(ClusterResources.of(spec, nodes, true), "instance.k/c1-cp-1");
        assertThat(vm).containsEntry("devices.root.pool", "nvme").containsEntry("devices.root.size", "20GiB")
                .containsEntry("location", "sigsrv").doesNotContainKey("devices.data.type");
    }

    @Test
    void dataDisksAreBlockVolumesOnTheirNodesHost() {
        Map<String, String> v = fields(ClusterResources.of(spec, nodes, true), "volume.k/nvme/c1-w-2-data");
        assertThat(v).containsEntry("content_type", "block").containsEntry("config.size", "100GiB")
                .containsEntry("location", "sigsrv");
    }

    @Test
    void oneIsoVolumePerHostOnALocalPoolSayingWhereItsContentComesFrom() {
        Map<Address, Resource> all = ClusterResources.of(spec, nodes, true);
        List<String> isos = all.keySet().stream().filter(a -> a.kind() == Kind.VOLUME && a.name().startsWith("talos-"))
                .map(Address::toString).toList();
        assertThat(isos).containsExactlyInAnyOrder("volume.k/iso/talos-v1.10.2-sigsrv",
                "volume.k/iso/talos-v1.10.2-minisrv");
        assertThat(fields(all, "volume.k/iso/talos-v1.10.2-sigsrv")).containsEntry("content_type", "iso")
                .containsEntry("location", "sigsrv").containsEntry("config." + ClusterResources.ISO_SOURCE_KEY,
                        "https://github.com/siderolabs/talos/releases/download/v1.10.2/metal-amd64.iso");
    }

    @Test
    void onAStandaloneDaemonNothingHasALocationAndOneIsoServesAll() {
        Map<Address, Resource> all = ClusterResources.of(spec, nodes, false);
        assertThat(all.values()).allSatisfy(r -> assertThat(r.fields()).doesNotContainKey("location"));
        assertThat(all.keySet().stream().filter(a -> a.name().startsWith("talos-")).map(Address::toString))
                .containsExactly("volume.k/iso/talos-v1.10.2");
        assertThat(fields(all, "instance.k/c1-cp-2")).containsEntry("devices.iso.source", "talos-v1.10.2");
    }

    @Test
    void anARecordPerNodeAndTheEndpointOnEveryControlPlaneButTheSpecsOwnRecordStaysTheSpecs() {
        Map<Address, Resource> all = ClusterResources.of(spec, nodes, true);
        Map<String, String> byName = new java.util.LinkedHashMap<>();
        nodes.nodes().forEach(n -> byName.put(n.name(), n.address().orElseThrow()));
        assertThat(fields(all, "zone_record.sys.test/c1-cp-1")).containsEntry("entries.0.type", "A")
                .containsEntry("entries.0.value", byName.get("c1-cp-1")).containsEntry("entries.0.ttl", "300");
        assertThat(all.keySet().stream().map(Address::toString)).doesNotContain("zone_record.sys.test/c1-w-2");
        assertThat(fields(all, "zone_record.sys.test/api")).containsEntry("entries.0.value", byName.get("c1-cp-1"))
                .containsEntry("entries.1.value", byName.get("c1-cp-2"))
                .containsEntry("entries.2.value", byName.get("c1-cp-3")).doesNotContainKey("entries.3.value");
    }

    @Test
    void theClustersImageUrlIsTheIsoSource() {
        Spec custom = Specs.parse(SPEC.replace("talos: v1.10.2\n", "talos: v1.10.2\n    image: "
                + "https://factory.talos.dev/image/abc/v1.10.2/metal-amd64.iso\n"));
        assertThat(fields(ClusterResources.of(custom, NodePlan.of(custom), true), "volume.k/iso/talos-v1.10.2-sigsrv"))
                .containsEntry("config." + ClusterResources.ISO_SOURCE_KEY,
                        "https://factory.talos.dev/image/abc/v1.10.2/metal-amd64.iso");
    }

    @Test
    void aDataDiskNamedLikeOneOfTheVmsOwnDevicesGetsAnotherDevice() {
        Spec iso = Specs.parse(SPEC.replace("disks: [{name: data,", "disks: [{name: iso,"));
        Map<String, String> vm = fields(ClusterResources.of(iso, NodePlan.of(iso), true), "instance.k/c1-w-1");
        assertThat(vm).containsEntry("devices.iso.source", "talos-v1.10.2-minisrv")
                .containsEntry("devices.disk-iso.source", "c1-w-1-iso");
    }

    @Test
    void keptAddressesAreReadFromTheVmsNic() {
        Address a = Address.scoped(Kind.INSTANCE, "k", "c1-w-1");
        Map<Address, Resource> observed = Map.of(a, new Resource(a, Map.of("devices.eth0.ipv4.address",
                "10.20.0.9"), true));
        assertThat(ClusterResources.kept(observed)).containsExactly(Map.entry("k/c1-w-1", "10.20.0.9"));
    }
}
