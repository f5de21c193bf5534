package net.sigsrv.infra.ops;

import static net.sigsrv.infra.ops.OpsLab.expect;
import static net.sigsrv.infra.ops.OpsLab.infra;
import static net.sigsrv.infra.ops.OpsLab.json;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.Lab;
import net.sigsrv.infra.incus.api.NetworkAcl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Networks, zones and ACLs on the real lab: show per member, set, records with TTL, ACL rules, attach. */
@Tag("lab")
class NetworkOpsLabTest {

    @Test
    void showAndSetABridgePerMember() {
        try (OpsLab lab = new OpsLab()) {
            String br = "opsbr" + lab.token;
            // a bridge over the sigsrv0 segment, made the way apply makes one (per member, then globally)
            int third = 100 + ThreadLocalRandom.current().nextInt(100);
            String gateway = "10." + (231 + labDigit()) + "." + third + ".1/24";
            lab.undo(() -> lab.client.networks().delete("default", br));
            for (String m : Lab.members()) {
                lab.client.networks().createOnMember("default", br, "bridge", m,
                        Map.of("bridge.external_interfaces", "sigsrv0"));
            }
            lab.client.networks().create("default", br, "bridge", "", Map.of("ipv4.address", gateway,
                    "ipv4.nat", "false", "ipv6.address", "none"));

            assertThat(ok("network", "list").out()).containsPattern(br + "\\s+bridge\\s+yes\\s+Created\\s+"
                    + gateway.replace(".", "\\."));
            JsonNode all = json(ok("network", "show", br, "-o", "json"));
            assertThat(all).hasSize(2);
            for (JsonNode v : all) {
                assertThat(v.at("/network/config/bridge.external_interfaces").asText()).isEqualTo("sigsrv0");
                assertThat(v.at("/state/bridge/upper_devices").toString()).contains("sigsrv0");
            }
            Cli.Result one = ok("network", "show", br, "--target", Lab.second());
            assertThat(one.out()).startsWith("member: " + Lab.second() + "\n").doesNotContain("member: " + Lab.first())
                    .contains("upper devices: sigsrv0").contains("address: " + gateway.replace("/24", "/24 (global)"));

            ok("network", "set", br, "ipv4.dhcp.expiry", "2h");
            assertThat(lab.client.networks().get("default", br, null).value().config())
                    .containsEntry("ipv4.dhcp.expiry", "2h").containsEntry("ipv4.address", gateway);
            ok("network", "set", br, "bridge.external_interfaces", "sigsrv0", "--target", Lab.second());
            assertThat(lab.client.networks().get("default", br, Lab.second()).value().config())
                    .containsEntry("bridge.external_interfaces", "sigsrv0");

            // zones: records with a TTL
            String zone = "ops-" + lab.token + ".lab";
            lab.undo(() -> lab.client.networks().deleteZone(zone));
            lab.client.networks().createZone(zone, "", Map.of());
            assertThat(ok("network", "zone", "list").out()).contains(zone);
            ok("network", "zone", "record", "create", zone, "web", "10.234.5.10", "--ttl", "60");
            assertThat(ok("network", "zone", "record", "list", zone).out()).containsPattern(
                    "web\\s+A 10\\.234\\.5\\.10 ttl=60");
            JsonNode records = json(ok("network", "zone", "record", "list", zone, "-o", "json"));
            assertThat(records.at("/0/entries/0/ttl").asLong()).isEqualTo(60);
            ok("network", "zone", "record", "delete", zone, "web");
            assertThat(lab.client.networks().records(zone)).isEmpty();

            // ACLs: a rule added, shown, and the ACL attached to the bridge
            String acl = "opsacl-" + lab.token;
            lab.undo(() -> lab.client.networks().deleteAcl("default", acl));
            lab.undo(() -> ok("network", "set", br, "security.acls", ""));
            lab.client.networks().createAcl("default", acl, "", List.of(), List.of());
            ok("network", "acl", "rule", "add", acl, "ingress", "action=allow", "protocol=tcp",
                    "destination_port=80,443");
            NetworkAcl stored = lab.client.networks().acl("default", acl).value();
            assertThat(stored.ingress()).extracting(NetworkAcl.Rule::action, NetworkAcl.Rule::protocol,
                    NetworkAcl.Rule::destinationPort).containsExactly(org.assertj.core.groups.Tuple.tuple("allow",
                    "tcp", "80,443"));
            assertThat(ok("network", "acl", "show", acl).out()).containsPattern(
                    "ingress\\s+allow\\s+tcp\\s+-\\s+-\\s+80,443\\s+enabled");
            Cli.Result bad = expect(infra("network", "acl", "rule", "add", acl, "ingress", "action=allow",
                    "port=22"), 2);
            assertThat(bad.err()).contains("unknown ACL rule key 'port'");
            ok("network", "acl", "attach", acl, br);
            assertThat(lab.client.networks().get("default", br, null).value().config())
                    .containsEntry("security.acls", acl);
            assertThat(ok("network", "acl", "list").out()).containsPattern(acl + "\\s+-\\s+1\\s+0\\s+1");
        }
    }

    static int labDigit() {
        String k = System.getenv("INFRA_LAB");
        return k != null && k.matches("[0-9]") ? Integer.parseInt(k) : 0;
    }
}
