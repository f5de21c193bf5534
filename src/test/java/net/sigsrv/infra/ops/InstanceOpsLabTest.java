package net.sigsrv.infra.ops;

import static net.sigsrv.infra.ops.OpsLab.expect;
import static net.sigsrv.infra.ops.OpsLab.infra;
import static net.sigsrv.infra.ops.OpsLab.json;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instance operations on the real lab: launch → list/show → exec, config, files, state changes → delete. */
@Tag("lab")
class InstanceOpsLabTest {

    @Test
    void launchObserveChangeAndDeleteAnInstance(@TempDir Path dir) throws Exception {
        try (OpsLab lab = new OpsLab()) {
            String name = "ops-i-" + lab.token;
            lab.forceDeleteInstance("default", name);
            ok("instance", "launch", Lab.imageAlias(), name, "--storage", "default", "--target", Lab.second());

            JsonNode listed = json(ok("instance", "list", "-o", "json"));
            JsonNode mine = find(listed, name);
            assertThat(mine.get("status").asText()).isEqualTo("Running");
            assertThat(mine.get("location").asText()).isEqualTo(Lab.second());
            assertThat(ok("instance", "list").out()).containsPattern(name + "\\s+default\\s+container\\s+Running"
                    + "\\s+" + Lab.second());
            assertThat(ok("instance", "list", "-o", "yaml").out()).contains("name: " + name);
            JsonNode shown = json(ok("instance", "show", name, "-o", "json"));
            assertThat(shown.at("/instance/devices/root/pool").asText()).isEqualTo("default");

            // exec passes the command's output and exit code through
            Cli.Result exec = infra("instance", "exec", name, "--", "sh", "-c", "echo out; echo err >&2; exit 3");
            assertThat(exec.exitCode()).isEqualTo(3);
            assertThat(exec.out()).isEqualTo("out\n");
            assertThat(exec.err()).isEqualTo("err\n");
            assertThat(expect(infra("instance", "exec", name, "--", "true"), 0).out()).isEmpty();

            ok("instance", "config", "set", name, "user.note", "set by ops");
            assertThat(lab.client.instances().get("default", name).value().config()).containsEntry("user.note",
                    "set by ops");
            ok("instance", "config", "set", name, "user.note", "");
            assertThat(lab.client.instances().get("default", name).value().config()).doesNotContainKey("user.note");

            Path local = dir.resolve("motd");
            Files.writeString(local, "hello from ops\n");
            ok("instance", "file", "push", local.toString(), name + "/etc/motd");
            assertThat(ok("instance", "exec", name, "--", "cat", "/etc/motd").out()).isEqualTo("hello from ops\n");
            ok("instance", "exec", name, "--", "sh", "-c", "echo written inside > /root/inside.txt");
            Path pulled = dir.resolve("pulled.txt");
            ok("instance", "file", "pull", name + "/root/inside.txt", pulled.toString());
            assertThat(Files.readString(pulled, StandardCharsets.UTF_8)).isEqualTo("written inside\n");

            // a directory needs -r both ways; without it nothing is written
            Path tree = Files.createDirectories(dir.resolve("site/assets"));
            Files.writeString(tree.getParent().resolve("index.html"), "<h1>hi</h1>\n");
            Files.writeString(tree.resolve("app.sh"), "#!/bin/sh\necho app\n");
            tree.resolve("app.sh").toFile().setExecutable(true);
            Cli.Result noR = expect(infra("instance", "file", "push", tree.getParent().toString(), name + "/srv/site"), 2);
            assertThat(noR.err()).contains("is a directory; push it with its contents with -r");
            Cli.Result noParent = expect(infra("instance", "file", "push", "-r", tree.getParent().toString(), name
                    + "/srv/site"), 2);
            assertThat(noParent.err()).contains("the directory /srv does not exist in " + name
                    + "; add -p (--create-dirs) to make it");
            Cli.Result pushedTree = ok("instance", "file", "push", "-r", "-p", tree.getParent().toString(), name
                    + "/srv/site");
            assertThat(pushedTree.out()).contains("(2 files, 2 directories, ");
            assertThat(ok("instance", "exec", name, "--", "sh", "-c", "cat /srv/site/index.html;"
                    + " /srv/site/assets/app.sh").out()).isEqualTo("<h1>hi</h1>\napp\n");
            ok("instance", "exec", name, "--", "ln", "-s", "/etc/hostname", "/srv/site/host-link");
            ok("instance", "exec", name, "--", "ln", "-s", "index.html", "/srv/site/home-link");
            ok("instance", "exec", name, "--", "sh", "-c", "cp /srv/site/assets/app.sh /srv/site/suid"
                    + " && chmod 4755 /srv/site/suid");

            Path back = dir.resolve("back");
            Cli.Result dirNoR = expect(infra("instance", "file", "pull", name + "/srv/site", back.toString()), 2);
            assertThat(dirNoR.err()).contains(name + "/srv/site is a directory; pull it with its contents with -r")
                    .contains("Nothing was written");
            assertThat(back).doesNotExist();
            assertThat(dir).isDirectoryNotContaining(f -> f.getFileName().toString().startsWith(".infra-pull-"));
            Cli.Result pulledTree = ok("instance", "file", "pull", "-r", name + "/srv/site", back.toString());
            assertThat(pulledTree.out()).contains("(4 files, 2 directories, ", ", 1 symlink(s) leading outside not"
                    + " made)").doesNotContain("setuid"); // LXD 5.0.2 sends permission bits only (4755 → 0755)
            assertThat(pulledTree.err()).isEqualTo("infra: not made: symlink " + name + "/srv/site/host-link ->"
                    + " /etc/hostname leads outside " + back + " (--links makes it as it is)\n");
            assertThat(Files.readString(back.resolve("index.html"))).isEqualTo("<h1>hi</h1>\n");
            assertThat(Files.readString(back.resolve("assets/app.sh"))).isEqualTo("#!/bin/sh\necho app\n");
            assertThat(back.resolve("assets/app.sh")).isExecutable();
            assertThat(Files.exists(back.resolve("host-link"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            // LXD answers a link with its resolved absolute target (/srv/site/index.html): made relative here
            assertThat(Files.readSymbolicLink(back.resolve("home-link"))).isEqualTo(Path.of("index.html"));
            assertThat(mode(back.resolve("suid"))).isEqualTo(0755);
            Path asIs = dir.resolve("as-is");
            ok("instance", "file", "pull", "-r", "--links", "--keep-special-bits", name + "/srv/site", asIs.toString());
            assertThat(Files.readSymbolicLink(asIs.resolve("host-link"))).isEqualTo(Path.of("/etc/hostname"));
            assertThat(mode(asIs.resolve("suid"))).as("the daemon never sent the bit").isEqualTo(0755);
            Cli.Result oneLink = expect(infra("instance", "file", "pull", name + "/srv/site/host-link",
                    dir.resolve("h").toString()), 2);
            assertThat(oneLink.err()).isEqualTo("infra: " + name + "/srv/site/host-link is a symlink to /etc/hostname,"
                    + " which leads outside " + dir + "; it would point at this machine's own files. Nothing was"
                    + " written; give --links to make it as it is.\n");
            assertThat(Files.exists(dir.resolve("h"), LinkOption.NOFOLLOW_LINKS)).isFalse();

            ok("instance", "stop", name, "--force");
            assertThat(lab.client.instances().get("default", name).value().status()).isEqualTo("Stopped");
            ok("instance", "start", name);
            ok("instance", "restart", name, "--force");
            assertThat(lab.client.instances().get("default", name).value().status()).isEqualTo("Running");

            Cli.Result running = expect(infra("instance", "delete", name), 2);
            assertThat(running.err()).contains("infra: instance " + name + " in project default is running; stop it"
                    + " first (`infra instance stop " + name + "`) or delete with --force");
            ok("instance", "delete", name, "--force");
            assertThat(find(json(ok("instance", "list", "-o", "json")), name)).isNull();
        }
    }

    static JsonNode find(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (n.path("name").asText().equals(name)) {
                return n;
            }
        }
        return null;
    }

    private static int mode(Path p) throws java.io.IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
