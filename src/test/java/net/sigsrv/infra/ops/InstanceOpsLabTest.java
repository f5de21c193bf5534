package net.sigsrv.infra.ops;

import static net.sigsrv.infra.ops.OpsLab.expect;
import static net.sigsrv.infra.ops.OpsLab.infra;
import static net.sigsrv.infra.ops.OpsLab.json;
import static net.sigsrv.infra.ops.OpsLab.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
            ok("instance", "launch", Lab.imageAlias(), name, "--storage", "default", "--target", "minisrv");

            JsonNode listed = json(ok("instance", "list", "-o", "json"));
            JsonNode mine = find(listed, name);
            assertThat(mine.get("status").asText()).isEqualTo("Running");
            assertThat(mine.get("location").asText()).isEqualTo("minisrv");
            assertThat(ok("instance", "list").out()).containsPattern(name + "\\s+default\\s+container\\s+Running"
                    + "\\s+minisrv");
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

            Path back = dir.resolve("back");
            Cli.Result dirNoR = expect(infra("instance", "file", "pull", name + "/srv/site", back.toString()), 2);
            assertThat(dirNoR.err()).contains(name + "/srv/site is a directory; pull it with its contents with -r")
                    .contains("Nothing was written");
            assertThat(back).doesNotExist();
            assertThat(dir).isDirectoryNotContaining(f -> f.getFileName().toString().startsWith(".infra-pull-"));
            Cli.Result pulledTree = ok("instance", "file", "pull", "-r", name + "/srv/site", back.toString());
            assertThat(pulledTree.out()).contains("(3 files, 2 directories, ");
            assertThat(Files.readString(back.resolve("index.html"))).isEqualTo("<h1>hi</h1>\n");
            assertThat(Files.readString(back.resolve("assets/app.sh"))).isEqualTo("#!/bin/sh\necho app\n");
            assertThat(back.resolve("assets/app.sh")).isExecutable();
            assertThat(Files.readSymbolicLink(back.resolve("host-link"))).isEqualTo(Path.of("/etc/hostname"));

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
}
