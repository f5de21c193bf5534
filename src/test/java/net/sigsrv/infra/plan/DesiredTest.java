package net.sigsrv.infra.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The desired state of tricky spec values, field by field: what the spec says must come out exactly as the daemon
 * will report it once applied, or every plan after an apply would show drift.
 */
class DesiredTest {

    private static final String HOSTS = """
            version: 1
            lab: lab
            description: Desired state tests
            hosts:
              - name: sigsrv
                description: First member
              - name: minisrv
                description: Second member
            """;
    private static final List<String> MEMBERS = List.of("sigsrv", "minisrv");

    private static Spec spec(String body) {
        SpecLoader.Loaded loaded = SpecLoader.parse((HOSTS + body).getBytes(StandardCharsets.UTF_8), "test.yaml");
        assertThat(loaded.ok()).as("the test spec is valid: %s", loaded.diagnostics().sorted()).isTrue();
        return loaded.spec().orElseThrow();
    }

    private static Map<Address, Resource> cluster(String body) {
        return Desired.of(spec(body), MEMBERS, true);
    }

    private static Map<String, String> fields(Map<Address, Resource> desired, String address) {
        return desired.values().stream().filter(r -> r.address().toString().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " is not desired; desired: " + desired.keySet()))
                .fields();
    }

    private static final String ONE_INSTANCE = """
            projects:
              - name: p
                description: A tenant
                limits:
                  instances: 4
                instances:
                  - name: web1
                    description: Web
                    image: busybox
                    target: sigsrv
            """;

    @Nested
    class Networks {

        private static final String BRIDGE = """
                networks:
                  - name: br0
                    description: A bridge
                    purpose: system
                    vlan: 20
                    interface: vlan20
                    ipv4: 10.20.0.0/16
                """;

        @Test
        void theGatewayDefaultsToTheFirstHostWithThePrefix() {
            assertThat(fields(cluster(BRIDGE), "network.br0")).containsEntry("config.ipv4.address", "10.20.0.1/16");
        }

        @Test
        void anExplicitGatewayKeepsThePrefixOfTheNetwork() {
            assertThat(fields(cluster(BRIDGE + "    gateway: 10.20.255.254\n"), "network.br0"))
                    .containsEntry("config.ipv4.address", "10.20.255.254/16");
        }

        @Test
        void natIsOffUnlessAskedAndIpv6IsAlwaysNone() {
            assertThat(fields(cluster(BRIDGE), "network.br0")).containsEntry("config.ipv4.nat", "false")
                    .containsEntry("config.ipv6.address", "none");
            assertThat(fields(cluster(BRIDGE + "    nat: true\n"), "network.br0"))
                    .containsEntry("config.ipv4.nat", "true");
        }

        @Test
        void theMtuIsSetOnlyWhenItIsNotTheDefault() {
            assertThat(fields(cluster(BRIDGE), "network.br0")).doesNotContainKey("config.bridge.mtu");
            assertThat(fields(cluster(BRIDGE + "    mtu: 1500\n"), "network.br0"))
                    .doesNotContainKey("config.bridge.mtu");
            assertThat(fields(cluster(BRIDGE + "    mtu: 9000\n"), "network.br0"))
                    .containsEntry("config.bridge.mtu", "9000");
        }

        @Test
        void aZoneGivesTheDnsDomainAndTheForwardZone() {
            Map<Address, Resource> d = cluster(BRIDGE + "    zone: lab.internal\n" + """
                    zones:
                      - name: lab.internal
                        description: Lab names
                    """);

            assertThat(fields(d, "network.br0")).containsEntry("config.dns.domain", "lab.internal")
                    .containsEntry("config.dns.zone.forward", "lab.internal");
            assertThat(fields(cluster(BRIDGE), "network.br0")).doesNotContainKeys("config.dns.domain",
                    "config.dns.zone.forward");
        }

        @Test
        void aclsAreListedInSpecOrder() {
            Map<Address, Resource> d = cluster(BRIDGE + "    acls: [web, ssh]\n" + """
                    acls:
                      - name: ssh
                        description: SSH in
                        ingress:
                          - action: allow
                            protocol: tcp
                            destination-port: "22"
                      - name: web
                        description: Web in
                        ingress:
                          - action: allow
                            protocol: tcp
                            destination-port: 80,443
                    """);

            assertThat(fields(d, "network.br0")).containsEntry("config.security.acls", "web,ssh");
            assertThat(fields(cluster(BRIDGE), "network.br0")).doesNotContainKey("config.security.acls");
        }

        @Test
        void onAClusterTheInterfaceGoesIntoEachMembersPartOnly() {
            Map<Address, Resource> d = cluster(BRIDGE);

            assertThat(fields(d, "network.br0@sigsrv")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "type", "bridge", "config.bridge.external_interfaces", "vlan20"));
            assertThat(fields(d, "network.br0@minisrv")).containsEntry("config.bridge.external_interfaces", "vlan20");
            assertThat(fields(d, "network.br0")).doesNotContainKey("config.bridge.external_interfaces");
        }

        @Test
        void onAStandaloneDaemonThereAreNoPartsAndTheInterfaceIsGlobal() {
            Map<Address, Resource> d = Desired.of(spec(BRIDGE), List.of("sigsrv"), false);

            assertThat(d.keySet()).noneMatch(a -> a.kind().isPerMember());
            assertThat(fields(d, "network.br0")).containsEntry("config.bridge.external_interfaces", "vlan20");
        }

        @Test
        void extraConfigIsPassedThrough() {
            assertThat(fields(cluster(BRIDGE + "    config:\n      ipv4.dhcp.expiry: 2h\n"), "network.br0"))
                    .containsEntry("config.ipv4.dhcp.expiry", "2h");
        }
    }

    @Nested
    class Instances {

        @Test
        void aPlainInstance() {
            assertThat(fields(cluster(ONE_INSTANCE), "instance.p/web1")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "description", "Web (managed by sigsrv-infra)",
                    "config.user.sigsrv-infra.lab", "lab",
                    "config.user.sigsrv-infra.image", "busybox",
                    "type", "container",
                    "profiles", "default",
                    "state", "running",
                    "location", "sigsrv"));
        }

        @Test
        void sizesAreWrittenInTheLargestBinaryUnitThatFits() {
            Map<String, String> f = fields(cluster(ONE_INSTANCE + """
                        memory: 4096MiB
                        root:
                          pool: fast
                          size: 1536MiB
                        disks:
                          - name: data
                            pool: fast
                            size: 4GiB
                            path: /srv/data
                storage:
                  - name: fast
                    description: Fast
                    purpose: fast
                    driver: zfs
                """), "instance.p/web1");

            assertThat(f).containsEntry("config.limits.memory", "4GiB").containsEntry("devices.root.size", "1536MiB");
        }

        @Test
        void nicsWithAReservedAddressAndAFixedLowerCaseMac() {
            Map<String, String> f = fields(cluster(ONE_INSTANCE + """
                        nics:
                          - name: eth0
                            network: br0
                            ipv4: 10.20.0.10
                            hwaddr: 00:16:3E:AA:BB:CC
                          - name: eth1
                            network: br0
                networks:
                  - name: br0
                    description: A bridge
                    purpose: system
                    ipv4: 10.20.0.0/16
                """), "instance.p/web1");

            assertThat(f).containsEntry("devices.eth0.type", "nic").containsEntry("devices.eth0.network", "br0")
                    .containsEntry("devices.eth0.ipv4.address", "10.20.0.10")
                    .containsEntry("devices.eth0.hwaddr", "00:16:3e:aa:bb:cc")
                    .containsEntry("devices.eth1.network", "br0")
                    .doesNotContainKeys("devices.eth1.ipv4.address", "devices.eth1.hwaddr");
        }

        @Test
        void disksNameTheirPoolVolumeAndPathAndTheVolumeIsDesiredToo() {
            Map<Address, Resource> d = cluster(ONE_INSTANCE + """
                        disks:
                          - name: data
                            pool: fast
                            size: 4GiB
                            path: /srv/data
                          - name: raw
                            pool: fast
                            volume: shared-raw
                            size: 512MiB
                            content: block
                storage:
                  - name: fast
                    description: Fast
                    purpose: fast
                    driver: zfs
                """);

            assertThat(fields(d, "instance.p/web1")).containsEntry("devices.data.type", "disk")
                    .containsEntry("devices.data.pool", "fast").containsEntry("devices.data.source", "web1-data")
                    .containsEntry("devices.data.path", "/srv/data")
                    .containsEntry("devices.raw.source", "shared-raw").doesNotContainKey("devices.raw.path");
            assertThat(fields(d, "volume.p/fast/web1-data")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "description", "volume of web1 (managed by sigsrv-infra)",
                    "config.user.sigsrv-infra.lab", "lab",
                    "content_type", "filesystem",
                    "config.size", "4GiB",
                    "location", "sigsrv"));
            assertThat(fields(d, "volume.p/fast/shared-raw")).containsEntry("content_type", "block")
                    .containsEntry("config.size", "512MiB");
        }

        @Test
        void aVolumeOnACephPoolHasNoLocation() {
            Map<Address, Resource> d = cluster(ONE_INSTANCE + """
                        disks:
                          - name: data
                            pool: remote
                            size: 4GiB
                            path: /srv/data
                storage:
                  - name: remote
                    description: Ceph
                    purpose: capacity
                    driver: ceph
                """);

            assertThat(fields(d, "volume.p/remote/web1-data")).doesNotContainKey("location");
            assertThat(fields(d, "instance.p/web1")).containsEntry("location", "sigsrv");
        }

        @Test
        void onAStandaloneDaemonNothingHasALocation() {
            Map<Address, Resource> d = Desired.of(spec(ONE_INSTANCE + """
                        disks:
                          - name: data
                            pool: fast
                            size: 4GiB
                            path: /srv/data
                storage:
                  - name: fast
                    description: Fast
                    purpose: fast
                    driver: zfs
                """), List.of("sigsrv"), false);

            assertThat(d.values()).noneMatch(r -> r.has("location"));
        }

        @Test
        void profilesAreListedInOrder() {
            Map<Address, Resource> d = cluster(ONE_INSTANCE + "        profiles: [default, db]\n" + """
                    profiles:
                      - name: db
                        description: Databases
                        project: p
                        cpu: 2
                    """);
            Map<Address, Resource> none = cluster(ONE_INSTANCE + "        profiles: []\n        cpu: 1\n");

            assertThat(fields(d, "instance.p/web1")).containsEntry("profiles", "default,db");
            assertThat(fields(none, "instance.p/web1")).containsEntry("profiles", "");
        }

        @Test
        void protectAndPrivilegedAreSecurityKeysOnlyWhenTrue() {
            assertThat(fields(cluster(ONE_INSTANCE + """
                        protect: true
                        privileged: true
                        reason: builds images
                """), "instance.p/web1")).containsEntry("config.security.protection.delete", "true")
                    .containsEntry("config.security.privileged", "true");
            assertThat(fields(cluster(ONE_INSTANCE), "instance.p/web1"))
                    .doesNotContainKeys("config.security.protection.delete", "config.security.privileged");
        }

        @Test
        void stoppedAndVirtualMachine() {
            assertThat(fields(cluster(ONE_INSTANCE.replace("      instances: 4\n",
                    "      instances: 4\n      virtual-machines: 1\n") + """
                        state: stopped
                        type: virtual-machine
                """), "instance.p/web1")).containsEntry("state", "stopped").containsEntry("type", "virtual-machine");
        }

        @Test
        void snapshotKeysWithTheDefaultPatternAndAnOptionalExpiry() {
            Map<String, String> f = fields(cluster(ONE_INSTANCE + """
                        snapshots:
                          schedule: '@daily'
                          expiry: 2w
                """), "instance.p/web1");
            Map<String, String> noExpiry = fields(cluster(ONE_INSTANCE + """
                        snapshots:
                          schedule: 0 3 * * *
                          pattern: nightly-%d
                """), "instance.p/web1");

            assertThat(f).containsEntry("config.snapshots.schedule", "@daily")
                    .containsEntry("config.snapshots.expiry", "2w").containsEntry("config.snapshots.pattern", "snap%d");
            assertThat(noExpiry).containsEntry("config.snapshots.pattern", "nightly-%d")
                    .doesNotContainKey("config.snapshots.expiry");
        }
    }

    @Nested
    class ProjectsAndProfiles {

        @Test
        void featuresLimitsAndRestrictions() {
            Map<String, String> f = fields(cluster("""
                    projects:
                      - name: p
                        description: A tenant
                        features:
                          images: false
                          networks: false
                        limits:
                          memory: 16GiB
                          disk: 1TiB
                          instances: 4
                          virtual-machines: 0
                        restrictions:
                          containers.nesting: block
                    """), "project.p");

            assertThat(f).containsEntry("config.features.images", "false")
                    .containsEntry("config.features.networks", "false")
                    .doesNotContainKey("config.features.profiles")
                    .containsEntry("config.limits.memory", "16GiB").containsEntry("config.limits.disk", "1TiB")
                    .containsEntry("config.limits.instances", "4").containsEntry("config.limits.virtual-machines", "0")
                    .containsEntry("config.restricted", "true")
                    .containsEntry("config.restricted.containers.nesting", "block");
        }

        @Test
        void theDefaultProfileOfAProjectHasNoDescriptionOfItsOwn() {
            Map<String, String> f = fields(cluster("""
                    projects:
                      - name: p
                        description: A tenant
                        default-profile:
                          cpu: 1
                          root:
                            pool: fast
                            size: 8GiB
                    storage:
                      - name: fast
                        description: Fast
                        purpose: fast
                        driver: zfs
                    """), "profile.p/default");

            assertThat(f).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "description", "(managed by sigsrv-infra)",
                    "config.user.sigsrv-infra.lab", "lab",
                    "config.limits.cpu", "1",
                    "devices.root.type", "disk",
                    "devices.root.path", "/",
                    "devices.root.pool", "fast",
                    "devices.root.size", "8GiB"));
        }

        @Test
        void theVolumeOfAProfileDiskIsDesiredWithoutALocation() {
            Map<Address, Resource> d = cluster("""
                    storage:
                      - name: fast
                        description: Fast
                        purpose: fast
                        driver: zfs
                    profiles:
                      - name: web
                        description: Web servers
                        disks:
                          - name: shared
                            pool: fast
                            volume: web-shared
                            size: 1GiB
                            path: /srv/shared
                    """);

            assertThat(fields(d, "profile.default/web")).containsEntry("devices.shared.source", "web-shared");
            assertThat(fields(d, "volume.default/fast/web-shared")).containsEntry("config.size", "1GiB")
                    .containsEntry("description", "volume of profile web (managed by sigsrv-infra)")
                    .doesNotContainKey("location");
        }
    }

    @Nested
    class PoolsZonesAcls {

        private static final String POOL = """
                storage:
                  - name: fast
                    description: Fast
                    purpose: fast
                    driver: zfs
                    size: 100GiB
                    source:
                      sigsrv: /dev/sdb
                      minisrv: /dev/nvme0n1
                    config:
                      zfs.clone_copy: "false"
                """;

        @Test
        void onAClusterSourceAndSizeAreMemberKeys() {
            Map<Address, Resource> d = cluster(POOL);

            assertThat(fields(d, "pool.fast@sigsrv")).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "driver", "zfs", "config.source", "/dev/sdb", "config.size", "100GiB"));
            assertThat(fields(d, "pool.fast@minisrv")).containsEntry("config.source", "/dev/nvme0n1");
            assertThat(fields(d, "pool.fast")).containsEntry("config.zfs.clone_copy", "false")
                    .doesNotContainKeys("config.source", "config.size");
        }

        @Test
        void onAStandaloneDaemonTheSourceIsTheDaemonsOwn() {
            assertThat(fields(Desired.of(spec(POOL), List.of("minisrv"), false), "pool.fast"))
                    .containsEntry("config.source", "/dev/nvme0n1").containsEntry("config.size", "100GiB");
        }

        @Test
        void aStandaloneDaemonWhoseHostnameIsNotTheSpecsOnlyHostStillGetsItsSource() {
            String oneHost = """
                    version: 1
                    lab: home
                    description: One host
                    hosts:
                      - name: sigsrv
                        description: The only host
                    storage:
                      - name: fast
                        description: Fast
                        purpose: fast
                        driver: zfs
                        source:
                          sigsrv: tank/incus
                    """;
            SpecLoader.Loaded loaded = SpecLoader.parse(oneHost.getBytes(StandardCharsets.UTF_8), "home.yaml");
            assertThat(loaded.ok()).as("%s", loaded.diagnostics().sorted()).isTrue();

            assertThat(fields(Desired.of(loaded.spec().orElseThrow(), List.of("sigsrv.home.arpa"), false),
                    "pool.fast")).containsEntry("config.source", "tank/incus");
        }

        @Test
        void aRecordIsOneEntryWithTheDefaultTtl() {
            Map<Address, Resource> d = cluster("""
                    zones:
                      - name: lab.internal
                        description: Lab names
                        records:
                          - name: api
                            value: 10.30.0.10
                          - name: mail
                            type: MX
                            value: 10 mx.lab.internal.
                            ttl: 3600
                    """);

            assertThat(fields(d, "zone_record.lab.internal/api")).containsEntry("entries.0.type", "A")
                    .containsEntry("entries.0.value", "10.30.0.10").containsEntry("entries.0.ttl", "300")
                    .containsEntry("description", "(managed by sigsrv-infra)");
            assertThat(fields(d, "zone_record.lab.internal/mail")).containsEntry("entries.0.type", "MX")
                    .containsEntry("entries.0.ttl", "3600");
        }

        @Test
        void aclRulesUseTheApiKeyNamesAndLeaveOutWhatIsNotSet() {
            Map<String, String> f = fields(cluster("""
                    acls:
                      - name: web
                        description: Web in
                        ingress:
                          - action: allow
                            source: 10.30.0.0/16
                            protocol: tcp
                            source-port: 1024-65535
                            destination-port: 80,443
                            description: HTTP
                          - action: allow
                            protocol: icmp4
                            icmp-type: 8
                            icmp-code: 0
                        egress:
                          - action: reject
                            destination: '@external'
                            state: logged
                    """), "acl.web");

            assertThat(f).containsEntry("ingress.0.source_port", "1024-65535")
                    .containsEntry("ingress.0.destination_port", "80,443")
                    .containsEntry("ingress.0.state", "enabled").containsEntry("ingress.0.description", "HTTP")
                    .doesNotContainKeys("ingress.0.destination", "ingress.1.description", "ingress.1.source")
                    .containsEntry("ingress.1.icmp_type", "8").containsEntry("ingress.1.icmp_code", "0")
                    .containsEntry("egress.0.action", "reject").containsEntry("egress.0.destination", "@external")
                    .containsEntry("egress.0.state", "logged");
        }
    }

    @Test
    void everythingIsMarkedAsThisLabsExceptPerMemberParts() {
        Map<Address, Resource> d = cluster(ONE_INSTANCE + """
                networks:
                  - name: br0
                    description: A bridge
                    purpose: system
                    interface: vlan20
                    ipv4: 10.20.0.0/16
                """);

        assertThat(d.values()).allMatch(Resource::owned);
        assertThat(d.values()).filteredOn(r -> !r.address().kind().isPerMember())
                .allMatch(r -> r.field("config." + Ownership.KEY).equals("lab"))
                .allMatch(r -> r.field("description").endsWith(Ownership.MARK));
        assertThat(d.values()).filteredOn(r -> r.address().kind().isPerMember())
                .noneMatch(r -> r.has("description") || r.has("config." + Ownership.KEY));
    }

    @Test
    void aSpecWithoutClustersHasNoWarning() {
        assertThat(Desired.warnings(spec(ONE_INSTANCE))).isEmpty();
    }
}
