package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.sigsrv.infra.ops.FileCopy;
import org.junit.jupiter.api.Test;

/** What {@code instance file pull} tells about what it left out or changed. */
class InstanceFileCommandTest {

    @Test
    void theSummaryCountsLinksLeftOutAndSpecialBitsDropped() {
        assertThat(InstanceFileCommand.summary(new FileCopy.Copied(4, 2, 0, 21, 2, List.of("web/a -> /etc/shadow"))))
                .isEqualTo(" (4 files, 2 directories, 21 B, 1 symlink(s) leading outside not made); setuid/setgid/sticky"
                        + " bits dropped from 2 (--keep-special-bits keeps them)");
        assertThat(InstanceFileCommand.summary(new FileCopy.Copied(1, 0, 0, 10, 1, List.of())))
                .isEqualTo(" (10 B); setuid/setgid/sticky bits dropped from 1 (--keep-special-bits keeps them)");
        assertThat(InstanceFileCommand.summary(new FileCopy.Copied(1, 0, 0, 10, 0, List.of()))).isEqualTo(" (10 B)");
    }

    @Test
    void pullHelpDocumentsLinksAndSpecialBits() {
        var r = net.sigsrv.infra.Cli.run("instance", "file", "pull", "--help");
        assertThat(r.out()).contains("--links", "--keep-special-bits", "refused and named");
    }
}
