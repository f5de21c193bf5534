package net.sigsrv.infra.ops;

import static net.sigsrv.infra.ops.OpsLab.expect;
import static net.sigsrv.infra.ops.OpsLab.infra;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.InstanceCreate;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard rules the ops commands obey, on the real lab, with their exact messages: a `protect: true` instance,
 * its volume and its project cannot be deleted until the spec changes; a privileged launch needs the spec's leave.
 */
@Tag("lab")
class RefusalsLabTest {

    /** The start of a spec naming the lab's members (their sockets do not matter to ops commands). */
    static String hosts(String lab) {
        StringBuilder s = new StringBuilder("lab: " + lab + "\nhosts:\n");
        for (String m : Lab.members()) {
            s.append("  - name: ").append(m).append("\n    socket: /var/lib/incus/unix.socket\n");
        }
        return s.append("storage:\n  - name: default\n    driver: dir\n").toString();
    }

    @Test
    void protectedObjectsAreNotDeletedUntilTheSpecChanges(@TempDir Path dir) throws Exception {
        try (OpsLab lab = new OpsLab()) {
            String p = "opsr-" + lab.token;
            String keep = "keep-" + lab.token;
            String vol = keep + "-data";
            Path spec = dir.resolve("lab.yaml");
            Files.writeString(spec, hosts("opsr") + "projects:\n  - name: " + p + "\n    instances:\n      - name: "
                    + keep + "\n        image: busybox\n        protect: true\n        disks:\n"
                    + "          - name: data\n            pool: default\n            volume: " + vol + "\n"
                    + "            size: 64MiB\n            path: /srv/data\n");
            String at = spec + ":15:18"; // the value of `protect:`
            lab.undo(() -> lab.client.projects().delete(p));
            lab.client.projects().create(p, "", Map.of("features.images", "false", "features.profiles", "false",
                    "features.storage.volumes", "true"));
            lab.forceDeleteInstance(p, keep);
            lab.undo(() -> lab.client.storage().deleteVolume(p, "default", vol, Lab.first()));
            ok("storage", "volume", "create", "default", vol, "--project", p, "--target", Lab.first());
            ok("instance", "launch", Lab.imageAlias(), keep, "--project", p, "--target", Lab.first());

            Cli.Result instance = expect(infra("instance", "delete", keep, "--force", "--project", p, "--spec",
                    spec.toString()), 2);
            assertThat(instance.err()).isEqualTo("infra: instance " + keep + " in project " + p + " is protected: "
                    + at + " sets `protect: true`. Nothing was deleted. To delete it, edit the spec first: remove"
                    + " `protect: true` from " + spec + " (or the instance entry), run `infra apply " + spec
                    + "`, then delete it again.\n");
            Cli.Result volume = expect(infra("storage", "volume", "delete", "default", vol, "--project", p,
                    "--spec", spec.toString()), 2);
            assertThat(volume.err()).isEqualTo("infra: volume default/" + vol + " in project " + p + " is protected:"
                    + " it is disk data of instance " + keep + ", which " + at + " marks `protect: true`. Nothing"
                    + " was deleted. To delete it, edit the spec first: remove `protect: true` from " + spec
                    + " (or the instance entry), run `infra apply " + spec + "`, then delete it again.\n");
            Cli.Result project = expect(infra("project", "delete", p, "--spec", spec.toString()), 2);
            assertThat(project.err()).isEqualTo("infra: project " + p + " is protected: it holds instance " + keep
                    + ", which " + at + " marks `protect: true`. Nothing was deleted. To delete it, edit the spec"
                    + " first: remove `protect: true` from " + spec + " (or the instance entry), run `infra apply "
                    + spec + "`, then delete it again.\n");
            Cli.Result unprotect = expect(infra("instance", "config", "set", keep, "security.protection.delete",
                    "false", "--project", p, "--spec", spec.toString()), 2);
            assertThat(unprotect.err()).startsWith("infra: instance " + keep + " in project " + p + " is protected: "
                    + at + " sets `protect: true`; security.protection.delete stays true.");
            assertThat(lab.client.instances().get(p, keep).value().isRunning()).as("untouched").isTrue();

            // with the protection gone from the spec, the same commands go through
            Files.writeString(spec, Files.readString(spec).replace("        protect: true\n", ""));
            ok("instance", "delete", keep, "--force", "--project", p, "--spec", spec.toString());
            ok("storage", "volume", "delete", "default", vol, "--project", p, "--spec", spec.toString());
            ok("project", "delete", p, "--spec", spec.toString());
        }
    }

    @Test
    void theLabsOwnProtectionKeyIsRefusedWithTheWayOut() {
        try (OpsLab lab = new OpsLab()) {
            String c = "opsk-" + lab.token;
            lab.undo(() -> lab.client.instances().delete("default", c));
            lab.undo(() -> ok("instance", "config", "set", c, "security.protection.delete", "false"));
            lab.client.instances().create("default", InstanceCreate.container(c, Lab.imageAlias())
                    .withConfig(Map.of("security.protection.delete", "true")), Lab.second(), false);
            Cli.Result refused = expect(infra("instance", "delete", c), 2);
            assertThat(refused.err()).isEqualTo("infra: instance " + c + " in project default is protected in the"
                    + " lab (security.protection.delete=true). Nothing was deleted. If a spec manages it, remove"
                    + " `protect: true` there and run `infra apply` first; otherwise run `infra instance config set "
                    + c + " security.protection.delete false` first.\n");
        }
    }

    @Test
    void aPrivilegedLaunchNeedsTheSpecsLeave(@TempDir Path dir) throws Exception {
        try (OpsLab lab = new OpsLab()) {
            String allowed = "opsa-" + lab.token;
            String other = "opsn-" + lab.token;
            Path spec = dir.resolve("lab.yaml");
            Files.writeString(spec, hosts("opsv") + "instances:\n  - name: " + allowed + "\n    image: busybox\n"
                    + "    privileged: true\n    reason: builds loop-mounted images\n");
            lab.forceDeleteInstance("default", allowed);
            lab.forceDeleteInstance("default", other);

            Cli.Result refused = expect(infra("instance", "launch", Lab.imageAlias(), other, "-c",
                    "security.privileged=true", "--spec", spec.toString()), 2);
            assertThat(refused.err()).isEqualTo("infra: refused: instance " + other + " in project default would be"
                    + " privileged (security.privileged=true) and " + spec + " does not allow it. Rule"
                    + " privileged-without-reason: a privileged instance shares the host's root user, so it must be"
                    + " declared in the spec with `privileged: true` and a `reason:`. Nothing was changed. Declare the"
                    + " instance in the spec with `privileged: true` and `reason: …`, then try again.\n");
            assertThat(lab.client.instances().list("default")).noneMatch(i -> i.name().equals(other));

            Cli.Result noSpec = expect(infra("instance", "launch", Lab.imageAlias(), other, "-c",
                    "security.privileged=true"), 2);
            assertThat(noSpec.err()).contains("and no spec was given (--spec FILE, INFRA_SPEC or ./infra.yaml)");

            ok("instance", "launch", Lab.imageAlias(), other, "--target", Lab.first());
            Cli.Result viaConfig = expect(infra("instance", "config", "set", other, "security.privileged", "true",
                    "--spec", spec.toString()), 2);
            assertThat(viaConfig.err()).contains("refused: instance " + other + " in project default would be"
                    + " privileged");

            // allowed: created (left stopped: this machine cannot start privileged containers)
            ok("instance", "launch", Lab.imageAlias(), allowed, "-c", "security.privileged=true", "--spec",
                    spec.toString(), "--target", Lab.first(), "--no-start");
            assertThat(lab.client.instances().get("default", allowed).value().config())
                    .containsEntry("security.privileged", "true");
        }
    }
}
