package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ops commands' bad input (exit 2, nothing touched) and catalog, on the embedded simulator: no lab needed. */
class OpsCommandsTest {

    @TempDir
    Path dir;

    private Cli.Result sim(String... args) {
        return Cli.sim(dir.resolve("state"), args);
    }

    @Test
    void everyOpsCommandIsListedByCategory() {
        String list = Cli.run("list").out();
        assertThat(list).contains("Projects:\n  infra project ").contains("Instances:\n  infra instance ")
                .contains("Networks:\n  infra network ").contains("Storage:\n  infra storage ")
                .contains("Backups:\n  infra instance export ");
    }

    @Test
    void malformedArgumentsAreBadInput() {
        Cli.Result push = sim("instance", "file", "push", "/etc/hostname", "web");
        assertThat(push.exitCode()).isEqualTo(2);
        assertThat(push.err()).contains("'web' is not NAME/PATH (e.g. web/etc/motd)");
        Cli.Result copy = sim("storage", "volume", "copy", "default", "small/x");
        assertThat(copy.exitCode()).isEqualTo(2);
        assertThat(copy.err()).contains("copy needs POOL/VOLUME[/SNAPSHOT] POOL/NAME");
        Cli.Result type = sim("storage", "volume", "create", "default", "v", "--type", "raw");
        assertThat(type.exitCode()).isEqualTo(2);
        assertThat(type.err()).contains("--type raw: must be filesystem or block");
        Cli.Result rule = sim("network", "acl", "rule", "add", "web", "ingress", "allow");
        assertThat(rule.exitCode()).isEqualTo(2);
        assertThat(rule.err()).contains("'allow' is not KEY=VALUE (e.g. action=allow)");
    }

    @Test
    void aMissingSpecIsBadInputAndNothingIsLaunched() {
        Cli.Result r = sim("instance", "launch", "busybox", "web", "--spec", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--spec " + dir.resolve("nope.yaml") + ": no such file");
        assertThat(sim("instance", "list", "-o", "json").out()).doesNotContain("\"web\"");
    }

    @Test
    void aPrivilegedLaunchWithoutASpecIsRefused() {
        Cli.Result r = sim("instance", "launch", "busybox", "web", "-c", "security.privileged=true");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("infra: refused: instance web in project default would be privileged");
        assertThat(sim("instance", "list", "-o", "json").out()).doesNotContain("\"web\"");
    }
}
