package net.sigsrv.infra.ops;

import static net.sigsrv.infra.ops.OpsLab.json;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Storage on the real lab: pools and their usage per member; a volume created, attached, used, detached, deleted. */
@Tag("lab")
class StorageOpsLabTest {

    @Test
    void poolsAndAVolumeFromCreateToDelete() {
        try (OpsLab lab = new OpsLab()) {
            assertThat(ok("storage", "list").out()).containsPattern("small\\s+btrfs\\s+Created\\s+" + Lab.second()
                    + "," + Lab.first());
            JsonNode usage = json(ok("storage", "info", "small", "-o", "json"));
            assertThat(usage).hasSize(2);
            usage.forEach(u -> assertThat(u.at("/resources/space/total").asLong()).as(u.toString())
                    .isGreaterThan(500L << 20));
            assertThat(ok("storage", "info", "small", "--target", Lab.second()).out()).contains(Lab.second())
                    .doesNotContain(Lab.first() + " ");

            String vol = "opsvol-" + lab.token;
            String c = "opsc-" + lab.token;
            lab.undo(() -> lab.client.storage().deleteVolume("default", "small", vol, Lab.second()));
            lab.forceDeleteInstance("default", c);
            ok("storage", "volume", "create", "small", vol, "--size", "64MiB", "--target", Lab.second());
            assertThat(ok("storage", "volume", "list", "small").out()).containsPattern(
                    "small\\s+" + vol + "\\s+filesystem\\s+64MiB\\s+" + Lab.second());
            assertThat(ok("storage", "volume", "list").out()).contains(vol);
            String block = vol + "-b";
            lab.undo(() -> lab.client.storage().deleteVolume("default", "small", block, Lab.first()));
            ok("storage", "volume", "create", "small", block, "--size", "16MiB", "--type", "block",
                    "--target", Lab.first());
            assertThat(json(ok("storage", "volume", "list", "small", "-o", "json")).toString())
                    .contains("\"content_type\":\"block\"");

            ok("instance", "launch", Lab.imageAlias(), c, "--target", Lab.second());
            ok("storage", "volume", "attach", "small", vol, c, "/srv/data");
            ok("instance", "exec", c, "--", "sh", "-c", "echo kept > /srv/data/f");
            assertThat(ok("instance", "exec", c, "--", "cat", "/srv/data/f").out()).isEqualTo("kept\n");
            assertThat(lab.client.instances().get("default", c).value().devices()).containsKey(vol);

            ok("storage", "volume", "detach", "small", vol, c);
            assertThat(lab.client.instances().get("default", c).value().devices()).doesNotContainKey(vol);
            ok("storage", "volume", "delete", "small", vol);
            ok("storage", "volume", "delete", "small", block);
            assertThat(ok("storage", "volume", "list", "small").out()).doesNotContain(vol);
        }
    }
}
