package net.sigsrv.infra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small decisions of the ops engine that need no lab. */
class OpsValuesTest {

    @Test
    void anExportGoesToBackupsNameAndDate() {
        assertThat(BackupOps.defaultFile(Path.of("/srv"), "web", LocalDate.of(2026, 1, 25)))
                .isEqualTo(Path.of("/srv/backups/web-20260125.tar.gz"));
    }

    @Test
    void aProjectsContentsAreNamedInWords() {
        Project p = new Project("p1", "", Map.of(), List.of("/1.0/profiles/default?project=p1",
                "/1.0/profiles/big?project=p1", "/1.0/instances/web?project=p1",
                "/1.0/storage-pools/fast/volumes/custom/data?project=p1"));
        assertThat(ProjectOps.contents(p)).containsExactly("profile big", "instance web", "volume fast/data");
    }

    @Test
    void theDefaultProjectIsKeptPerRemote(@TempDir Path dir) throws Exception {
        DefaultProject d = new DefaultProject(dir);
        assertThat(d.resolve("lab", null)).isEqualTo("default");
        d.set("lab", "p1");
        d.set("prod", "p2");
        assertThat(new DefaultProject(dir).resolve("lab", null)).isEqualTo("p1");
        assertThat(new DefaultProject(dir).resolve("prod", null)).isEqualTo("p2");
        assertThat(new DefaultProject(dir).resolve("lab", "explicit")).isEqualTo("explicit");
    }
}
