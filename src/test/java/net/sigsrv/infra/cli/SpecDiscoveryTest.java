package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How ops commands find the spec whose rules they obey, through the real launcher (the working directory and the
 * environment are the process's): {@code --spec}, else {@code INFRA_SPEC}, else {@code ./infra.yaml}.
 */
class SpecDiscoveryTest {

    private static final String SPEC = "lab: d\nhosts:\n  - name: sigsrv\n    socket: /var/lib/incus/unix.socket\n"
            + "instances:\n  - name: builder\n    image: busybox\n    privileged: true\n    reason: loop mounts\n";

    private static String launch(Path cwd, Map<String, String> env, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(Golden.repo().resolve("infra").toString(), "--sim",
                "--sim-dir", cwd.resolve("state").toString(), "instance", "launch", "busybox", name, "-c",
                "security.privileged=true", "--no-start")).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().remove("INFRA_SPEC");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out;
    }

    @Test
    void theSpecIsFoundInTheWorkingDirectoryOrThroughInfraSpec(@TempDir Path dir) throws Exception {
        assertThat(launch(dir, Map.of(), "builder")).startsWith("2 ").contains("no spec was given");

        Files.writeString(dir.resolve("infra.yaml"), SPEC);
        assertThat(launch(dir, Map.of(), "other")).startsWith("2 ").contains("infra.yaml does not allow it");
        assertThat(launch(dir, Map.of(), "builder")).startsWith("0 ").contains("Instance builder created");

        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere")).resolve("lab.yaml");
        Files.writeString(elsewhere, SPEC.replace("builder", "maker"));
        assertThat(launch(dir, Map.of("INFRA_SPEC", elsewhere.toString()), "builder")).startsWith("2 ")
                .contains(elsewhere + " does not allow it");
    }
}
