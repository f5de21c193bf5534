package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.incus.api.NetworkAcl;
import net.sigsrv.infra.incus.api.NetworkLease;
import net.sigsrv.infra.incus.api.NetworkState;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.ZoneRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Networks the cluster way (defined per member with {@code bridge.external_interfaces} over the lab's
 * {@code sigsrv0} segment → Pending, then created globally → Created on both), their per-member state, DHCP leases,
 * network zones with records, and ACLs — also attached to a bridge.
 */
@Tag("lab")
class NetworksLabTest {

    private static final String TOKEN = "itnw" + Lab.token();
    private static final String SEGMENT = "sigsrv0";
    /** Where the lease container lives: its own project, using the default project's profiles and networks. */
    private static final String PROJECT = TOKEN;

    @BeforeAll
    static void project() {
        Lab.createProject(PROJECT, "lease containers of NetworksLabTest", false);
    }

    @AfterAll
    static void nothingLeftBehind() {
        Lab.deleteProjectLeavingNothing(PROJECT, TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void bridgeOverTheVlanSegmentOnEveryMember(String transport, Endpoint endpoint) {
        String net = TOKEN + transport.charAt(0);
        String acl = TOKEN + transport.charAt(0) + "-acl";
        List<String> members = Lab.members();
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            cleanup.add(LabLinks.lockSegments()::close);
            // bridging the segment takes it from the bridge that holds it (e.g. the lab spec's sigsrvbr0):
            // give it back once this test's bridge is gone
            for (String m : members) {
                LabLinks.master(m, SEGMENT).ifPresent(holder -> cleanup.add(() -> {
                    if (!LabLinks.master(m, SEGMENT).equals(Optional.of(holder))) {
                        LabLinks.attach(m, SEGMENT, holder);
                    }
                }));
            }
            for (String m : members) {
                client.networks().createOnMember(null, net, "bridge", m, Map.of("bridge.external_interfaces",
                        SEGMENT));
            }
            cleanup.add(() -> client.networks().delete(null, net));
            for (String m : members) {
                Network pending = client.networks().get(null, net, m).value();
                assertThat(pending.status()).as("on %s before the global create", m).isEqualTo("Pending");
                assertThat(pending.config()).containsEntry("bridge.external_interfaces", SEGMENT);
            }

            client.networks().create(null, net, "bridge", "lab segment " + SEGMENT, Map.of("ipv4.address",
                    "192.0.2.1/24", "ipv4.nat", "false", "ipv6.address", "none"));
            Network created = client.networks().get(null, net, null).value();
            assertThat(created.status()).isEqualTo("Created");
            assertThat(created.managed()).isTrue();
            assertThat(created.type()).isEqualTo("bridge");
            assertThat(created.locations()).containsExactlyInAnyOrderElementsOf(members);
            assertThat(created.config()).containsEntry("ipv4.address", "192.0.2.1/24")
                    .containsEntry("ipv4.nat", "false").containsEntry("ipv6.address", "none");
            assertThat(client.networks().list(null)).extracting(Network::name).contains(net);

            for (String m : members) {
                assertThat(client.networks().get(null, net, m).value().config())
                        .as("member-specific keys on %s", m).containsEntry("bridge.external_interfaces", SEGMENT);
                NetworkState bridge = client.networks().state(net, m);
                assertThat(bridge.bridge()).as("bridge state of %s on %s", net, m).isNotNull();
                assertThat(bridge.bridge().upperDevices()).as("upper devices of %s on %s", net, m)
                        .contains(SEGMENT);
                assertThat(bridge.state()).isEqualTo("up");
                assertThat(bridge.addresses()).extracting(NetworkState.Address::address).contains("192.0.2.1");
                NetworkState segment = client.networks().state(SEGMENT, m);
                assertThat(segment.bridge()).as("%s on %s is a plain interface", SEGMENT, m).isNull();
                assertThat(segment.mtu()).isPositive();
                assertThat(segment.hwaddr()).isNotBlank();
                assertThat(segment.globalAddresses()).as("%s on %s must stay unconfigured", SEGMENT, m).isEmpty();
            }

            String container = TOKEN + transport.charAt(0) + "-lease";
            String member = members.getLast();
            client.instances().create(PROJECT, InstanceCreate.container(container, Lab.imageAlias())
                    .withDevices(Map.of("eth0", Map.of("type", "nic", "network", net, "name", "eth0"))), member, true);
            cleanup.add(() -> LabCleanup.deleteInstance(client, PROJECT, container));
            String hwaddr = client.instances().get(PROJECT, container).value().config().get("volatile.eth0.hwaddr");
            List<NetworkLease> leases = Poll.until("a DHCP lease on " + net + " for " + hwaddr,
                    Duration.ofSeconds(20), () -> client.networks().leases(PROJECT, net),
                    l -> l.stream().anyMatch(x -> hwaddr.equals(x.hwaddr()) && x.address().startsWith("192.0.2.")));
            NetworkLease lease = leases.stream().filter(x -> hwaddr.equals(x.hwaddr())
                    && x.address().startsWith("192.0.2.")).findFirst().orElseThrow();
            assertThat(lease.location()).as("the member whose dnsmasq leased it").isIn(members);
            // both members' dnsmasq serve the bridged segment; the one that does not host the container has no
            // name for it and reports "*"
            assertThat(lease.hostname()).isIn(container, "*");
            assertThat(lease.type()).isEqualTo("dynamic");
            assertThat(client.networks().leases(null, net)).as("the default project sees the gateway only")
                    .extracting(NetworkLease::type).containsExactly("gateway");

            client.networks().createAcl(null, acl, "ssh from the segment only", List.of(rule("allow", "tcp",
                    "192.0.2.0/24", "22")), List.of());
            cleanup.add(() -> client.networks().deleteAcl(null, acl));
            Tagged<Network> beforeAcl = client.networks().get(null, net, null);
            client.networks().patch(null, net, null, Map.of("security.acls", acl), beforeAcl.etag());
            cleanup.add(() -> client.networks().patch(null, net, null, Map.of("security.acls", ""), null));
            assertThat(client.networks().get(null, net, null).value().config()).containsEntry("security.acls", acl)
                    .containsEntry("ipv4.address", "192.0.2.1/24");
            assertThat(client.networks().acl(null, acl).value().usedBy()).anyMatch(u -> u.contains("/networks/"
                    + net));
            assertThatThrownBy(() -> client.networks().deleteAcl(null, acl)).as("deleting an ACL in use")
                    .isInstanceOfSatisfying(IncusException.class, e -> assertThat(e.getMessage()).contains("in use"));
        }
        try (IncusClient client = IncusClient.connect(endpoint)) {
            assertThatThrownBy(() -> client.networks().get(null, net, null))
                    .isInstanceOfSatisfying(IncusException.class,
                            e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND));
            assertThat(client.networks().acls(null)).extracting(NetworkAcl::name).doesNotContain(acl);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void zonesWithRecords(String transport, Endpoint endpoint) {
        String zone = TOKEN + transport.charAt(0) + ".lab.example";
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            client.networks().createZone(zone, "lab names", Map.of("user.owner", "it"));
            cleanup.add(() -> client.networks().deleteZone(zone));
            NetworkZone z = client.networks().zones().stream().filter(x -> x.name().equals(zone)).findFirst()
                    .orElseThrow(() -> new AssertionError("zone " + zone + " not listed"));
            assertThat(z.description()).isEqualTo("lab names");
            assertThat(z.config()).containsEntry("user.owner", "it");

            List<ZoneRecord.Entry> entries = List.of(new ZoneRecord.Entry("A", "192.0.2.10", 300L),
                    new ZoneRecord.Entry("AAAA", "2001:db8::10", 300L));
            client.networks().createRecord(zone, "www", "the web server", entries);
            cleanup.add(() -> client.networks().deleteRecord(zone, "www"));
            List<ZoneRecord> records = client.networks().records(zone);
            assertThat(records).extracting(ZoneRecord::name).containsExactly("www");
            assertThat(records.getFirst().description()).isEqualTo("the web server");
            assertThat(records.getFirst().entries()).containsExactlyInAnyOrderElementsOf(entries);

            client.networks().deleteRecord(zone, "www");
            assertThat(client.networks().records(zone)).isEmpty();
            client.networks().deleteZone(zone);
            assertThat(client.networks().zones()).extracting(NetworkZone::name).doesNotContain(zone);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void aclCrudWithIngressAndEgressRules(String transport, Endpoint endpoint) {
        String acl = TOKEN + transport.charAt(0) + "-web";
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            List<NetworkAcl.Rule> ingress = List.of(rule("allow", "tcp", "192.0.2.0/24", "80,443"));
            List<NetworkAcl.Rule> egress = List.of(new NetworkAcl.Rule("reject", "", "198.51.100.0/24", "", "", "",
                    "", "", "enabled", "no way out"), new NetworkAcl.Rule("allow", "", "", "icmp4", "", "", "8", "0",
                    "logged", "ping"));
            client.networks().createAcl(null, acl, "web", ingress, egress);
            cleanup.add(() -> client.networks().deleteAcl(null, acl));

            Tagged<NetworkAcl> read = client.networks().acl(null, acl);
            assertThat(read.value().description()).isEqualTo("web");
            assertThat(read.value().ingress()).isEqualTo(ingress);
            assertThat(read.value().egress()).isEqualTo(egress);
            assertThat(client.networks().acls(null)).extracting(NetworkAcl::name).contains(acl);

            List<NetworkAcl.Rule> more = List.of(ingress.getFirst(), rule("drop", "udp", "", "53"));
            client.networks().updateAcl(null, acl, "web and dns", more, List.of(), read.etag());
            NetworkAcl updated = client.networks().acl(null, acl).value();
            assertThat(updated.ingress()).isEqualTo(more);
            assertThat(updated.egress()).isEmpty();
            assertThatThrownBy(() -> client.networks().updateAcl(null, acl, "stale", List.of(), List.of(),
                    read.etag())).isInstanceOfSatisfying(IncusException.class,
                    e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.CHANGED));

            client.networks().deleteAcl(null, acl);
            assertThatThrownBy(() -> client.networks().acl(null, acl)).isInstanceOfSatisfying(IncusException.class,
                    e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND));
        }
    }

    private static NetworkAcl.Rule rule(String action, String protocol, String source, String port) {
        return new NetworkAcl.Rule(action, source, "", protocol, "", port, "", "", "enabled", "");
    }
}
