package net.sigsrv.infra.talos.nodes;

import static net.sigsrv.infra.talos.nodes.Specs.cluster;
import static net.sigsrv.infra.talos.nodes.Specs.cpWorkers;
import static net.sigsrv.infra.talos.nodes.Specs.group;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Ipv4;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What a cluster's nodes are before they boot: names, hosts, addresses, MACs — and what never moves. */
class NodePlanTest {

    private static Map<String, Node> byName(NodePlan plan) {
        return plan.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity(), (a, b) -> a,
                LinkedHashMap::new));
    }

    private static Map<String, String> field(NodePlan plan, Function<Node, Optional<String>> f) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.nodes().forEach(n -> out.put(n.name(), f.apply(n).orElse("-")));
        return out;
    }

    /** The addresses a lab would hold after applying {@code plan}: what the next plan keeps. */
    private static Map<String, String> held(NodePlan plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.nodes().forEach(n -> n.address().ifPresent(a -> out.put(n.project() + "/" + n.name(), a)));
        return out;
    }

    @Nested
    class Naming {

        @Test
        void clusterGroupNumberFromOneInSpecOrder() {
            assertThat(byName(NodePlan.of(cpWorkers(3, 2))).keySet())
                    .containsExactly("c1-cp-1", "c1-cp-2", "c1-cp-3", "c1-worker-1", "c1-worker-2");
        }

        @Test
        void loweringACountDropsTheHighestNumbersAndRenamesNothing() {
            assertThat(byName(NodePlan.of(cpWorkers(3, 2))).keySet())
                    .containsExactlyElementsOf(byName(NodePlan.of(cpWorkers(3, 5))).keySet().stream()
                            .filter(n -> !n.equals("c1-worker-3") && !n.equals("c1-worker-4")
                                    && !n.equals("c1-worker-5")).toList());
        }
    }

    @Nested
    class Placement {

        @Test
        void controlPlanesNeverShareAHostWhenThereAreEnoughTargets() {
            Map<String, String> hosts = field(NodePlan.of(cpWorkers(3, 0)), Node::host);
            assertThat(hosts.values()).containsExactly("sigsrv", "minisrv", "nanosrv");
        }

        @Test
        void moreControlPlanesThanTargetsShareAsEvenlyAsPossible() {
            Spec spec = cluster("10.20.0.0/24", "", "[sigsrv, minisrv]", group("cp", "controlplane", 3));
            assertThat(field(NodePlan.of(spec), Node::host).values()).containsExactly("sigsrv", "minisrv", "sigsrv");
        }

        @Test
        void eachGroupStartsOneTargetFurtherSoGroupsSpread() {
            Spec spec = cluster("10.20.0.0/24", "", "[sigsrv, minisrv]",
                    group("cp", "controlplane", 3) + group("storage", "worker", 3) + group("worker", "worker", 6));
            Map<String, Long> perHost = NodePlan.of(spec).nodes().stream()
                    .collect(Collectors.groupingBy(n -> n.host().orElseThrow(), Collectors.counting()));
            assertThat(perHost).containsEntry("sigsrv", 6L).containsEntry("minisrv", 6L);
        }

        @Test
        void onlyTheTargetsAreUsed() {
            Spec spec = cluster("10.20.0.0/24", "", "[minisrv]", group("cp", "controlplane", 3));
            assertThat(field(NodePlan.of(spec), Node::host).values()).containsOnly("minisrv");
        }

        @Test
        void aCountChangeInOneGroupMovesNoNodeOfAnother() {
            Map<String, String> before = field(NodePlan.of(cpWorkers(3, 4)), Node::host);
            Map<String, String> after = field(NodePlan.of(cpWorkers(1, 4)), Node::host);
            after.forEach((name, host) -> assertThat(host).as(name).isEqualTo(before.get(name)));
        }
    }

    @Nested
    class Addresses {

        @Test
        void uniqueInsideTheSubnetOutsideDhcpRangesAndNotTheGatewayNorPinned() {
            Spec spec = Specs.parse(Specs.HOSTS + """
                    networks:
                      - name: sys
                        description: System
                        ipv4: 10.20.0.0/26
                        config:
                          ipv4.dhcp.ranges: 10.20.0.2-10.20.0.40
                    zones:
                      - name: sys.test
                        description: System zone
                        records:
                          - name: vip
                            type: A
                            value: 10.20.0.50
                    projects:
                      - name: k
                        description: Kubernetes
                        instances:
                          - name: bastion
                            description: Jump host
                            image: busybox
                            nics: [{name: eth0, network: sys, ipv4: 10.20.0.45}]
                    clusters:
                      - name: c1
                        description: Test cluster
                        project: k
                        network: sys
                        talos: v1.10.2
                        endpoint: https://10.20.0.50:6443
                        node-groups:
                          - {name: cp, role: controlplane, count: 3, cpu: 2, memory: 2GiB}
                          - {name: w, role: worker, count: 17, cpu: 2, memory: 2GiB}
                    """);
            NodePlan plan = NodePlan.of(spec);
            // static part: .41-.62 (22 addresses) minus .45 and .50 pinned = 20 = the 20 nodes
            assertThat(plan.problems()).isEmpty();
            List<Long> addresses = plan.nodes().stream().map(n -> n.ipv4().getAsLong()).toList();
            assertThat(addresses).doesNotHaveDuplicates().hasSize(20)
                    .allSatisfy(a -> assertThat(a).isBetween(ip("10.20.0.41"), ip("10.20.0.62")))
                    .doesNotContain(ip("10.20.0.45"), ip("10.20.0.50"), ip("10.20.0.1"));
        }

        @Test
        void loweringACountLeavesEveryRemainingNodeAlone() {
            Map<String, String> six = field(NodePlan.of(cpWorkers(3, 6)), Node::address);
            Map<String, String> three = field(NodePlan.of(cpWorkers(3, 3)), Node::address);
            three.forEach((name, a) -> assertThat(a).as(name).isEqualTo(six.get(name)));
            assertThat(three).doesNotContainKeys("c1-worker-4", "c1-worker-5", "c1-worker-6");
        }

        @Test
        void anAddressDependsOnlyOnItsNodeNotOnTheNodesBeforeIt() {
            // fewer control planes before them: no worker is renumbered (removing node 2 does not move node 3)
            Map<String, String> before = field(NodePlan.of(cpWorkers(3, 4)), Node::address);
            Map<String, String> after = field(NodePlan.of(cpWorkers(1, 4)), Node::address);
            assertThat(after.get("c1-worker-3")).isEqualTo(before.get("c1-worker-3"));
            after.forEach((name, a) -> assertThat(a).as(name).isEqualTo(before.get(name)));
        }

        @Test
        void addingAGroupLeavesTheOthersAlone() {
            Map<String, String> before = field(NodePlan.of(cpWorkers(3, 4)), Node::address);
            Spec more = cluster("10.20.0.0/24", "", "[sigsrv, minisrv, nanosrv]", group("cp", "controlplane", 3)
                    + group("worker", "worker", 4) + group("storage", "worker", 3));
            Map<String, String> after = field(NodePlan.of(more), Node::address);
            before.forEach((name, a) -> assertThat(after.get(name)).as(name).isEqualTo(a));
        }

        @Test
        void theSamePlanEveryTime() {
            assertThat(held(NodePlan.of(cpWorkers(3, 6)))).isEqualTo(held(NodePlan.of(cpWorkers(3, 6))));
        }
    }

    @Nested
    class Collisions {

        /** A /29 with DHCP on .2-.3: the static part is .4-.6 (3 addresses, the gateway is .1). */
        private Spec tiny(String a, int countA, int b) {
            String groups = group("cp", "controlplane", 1) + (countA > 0 ? group(a, "worker", countA) : "")
                    + group("b", "worker", b);
            return cluster("10.30.0.0/29", "config: {ipv4.dhcp.ranges: 10.30.0.2-10.30.0.3}", "[sigsrv]", groups);
        }

        private Spec tiny(int a, int b) {
            return tiny("a", a, b);
        }

        /** A group name sorting before {@code b} whose node 1 has the home slot of c1-b-1 among 3 addresses. */
        private String rivalOfB1() {
            long home = NodePlan.homeSlot("c1", "b", 1, 3);
            for (int i = 0; i < 100; i++) {
                if (NodePlan.homeSlot("c1", "a" + i, 1, 3) == home) {
                    return "a" + i;
                }
            }
            throw new AssertionError("no rival among a0..a99 (one in three should be)");
        }

        @Test
        void nodesSharingAHomeSlotGetTheNextFreeOneEachADifferentAddress() {
            NodePlan plan = NodePlan.of(tiny(1, 1));
            assertThat(plan.problems()).isEmpty();
            assertThat(plan.nodes()).extracting(n -> n.address().orElseThrow())
                    .containsExactlyInAnyOrder("10.30.0.4", "10.30.0.5", "10.30.0.6");
        }

        @Test
        void aNodeWithNoRoomIsLeftWithoutAnAddressAndSaidSo() {
            NodePlan plan = NodePlan.of(tiny(1, 2));
            assertThat(plan.nodes().stream().filter(n -> n.ipv4().isEmpty()).map(Node::name))
                    .containsExactly("c1-b-2");
            assertThat(plan.problems()).singleElement().asString()
                    .startsWith("cluster c1 node c1-b-2: no free static address on network sys");
        }

        @Test
        void theWinnerOfASharedSlotGoingAwayMovesNoOneBecauseHeldAddressesAreKept() {
            String rival = rivalOfB1();
            NodePlan full = NodePlan.of(tiny(rival, 1, 1));
            Map<String, String> fullAddresses = field(full, Node::address);
            String bHome = field(NodePlan.of(tiny(0, 1)), Node::address).get("c1-b-1");
            // the rival won c1-b-1's home slot, so c1-b-1 moved on...
            assertThat(fullAddresses.get("c1-" + rival + "-1")).isEqualTo(bHome);
            assertThat(fullAddresses.get("c1-b-1")).isNotEqualTo(bHome);
            // ...and once the rival's group is gone, c1-b-1 stays where the lab has it
            NodePlan kept = NodePlan.of(tiny(0, 1), held(full));
            field(kept, Node::address).forEach((name, a) -> assertThat(a).as(name).isEqualTo(fullAddresses.get(name)));
        }

        @Test
        void aHeldAddressNoLongerInTheStaticPartIsNotKept() {
            NodePlan plan = NodePlan.of(tiny(0, 1), Map.of("k/c1-cp-1", "10.30.0.2"));
            assertThat(byName(plan).get("c1-cp-1").address().orElseThrow()).isNotEqualTo("10.30.0.2");
        }

        @Test
        void anEndpointWrittenAsAnAddressIsNeverANodes() {
            assertThat(NodePlan.of(tiny(0, 2)).problems()).isEmpty();
            Spec withVip = Specs.parse(Specs.HOSTS + """
                    networks:
                      - name: sys
                        description: System
                        ipv4: 10.30.0.0/29
                        config: {ipv4.dhcp.ranges: 10.30.0.2-10.30.0.3}
                    projects:
                      - name: k
                        description: Kubernetes
                    clusters:
                      - name: c1
                        description: Test cluster
                        project: k
                        network: sys
                        talos: v1.10.2
                        endpoint: https://10.30.0.6:6443
                        node-groups:
                          - {name: cp, role: controlplane, count: 1, cpu: 2, memory: 2GiB}
                          - {name: b, role: worker, count: 2, cpu: 2, memory: 2GiB}
                    """);
            NodePlan plan = NodePlan.of(withVip);
            assertThat(plan.nodes().stream().flatMap(n -> n.address().stream())).doesNotContain("10.30.0.6")
                    .hasSize(2);
            assertThat(plan.problems()).hasSize(1);
        }

        @Test
        void twoNodesHoldingTheSameAddressKeepItOnlyForTheFirst() {
            NodePlan plan = NodePlan.of(tiny(0, 1), Map.of("k/c1-cp-1", "10.30.0.5", "k/c1-b-1", "10.30.0.5"));
            assertThat(field(plan, Node::address).values()).doesNotHaveDuplicates().contains("10.30.0.5");
        }
    }

    @Nested
    class Macs {

        @Test
        void locallyAdministeredUnicastUniqueAndFollowingTheAddress() {
            NodePlan plan = NodePlan.of(cpWorkers(3, 9));
            List<String> macs = plan.nodes().stream().map(n -> n.mac().orElseThrow()).toList();
            assertThat(macs).doesNotHaveDuplicates().allSatisfy(m -> {
                assertThat(m).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
                int first = Integer.parseInt(m.substring(0, 2), 16);
                assertThat(first & 0x02).as("locally administered bit of %s", m).isEqualTo(2);
                assertThat(first & 0x01).as("multicast bit of %s", m).isZero();
            });
            Node n = plan.nodes().getFirst();
            assertThat(n.mac().orElseThrow()).endsWith(String.format(":%02x:%02x:%02x:%02x",
                    (n.ipv4().getAsLong() >> 24) & 0xff, (n.ipv4().getAsLong() >> 16) & 0xff,
                    (n.ipv4().getAsLong() >> 8) & 0xff, n.ipv4().getAsLong() & 0xff));
        }

        @Test
        void stableWhenCountsChange() {
            Map<String, String> before = field(NodePlan.of(cpWorkers(3, 6)), Node::mac);
            field(NodePlan.of(cpWorkers(1, 2)), Node::mac)
                    .forEach((name, m) -> assertThat(m).as(name).isEqualTo(before.get(name)));
        }
    }

    private static long ip(String text) {
        return Ipv4.parseAddress(text).getAsLong();
    }
}
