package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.graph.Outcome;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Resource;
import org.junit.jupiter.api.Test;

/** A skipped step names the failed step by its address, read from the skip itself (not from its reason text). */
class ApplyProgressTest {

    private static Change create(String name) {
        Address a = Address.scoped(Kind.INSTANCE, "p", name);
        return new Change(a, Action.CREATE, Optional.empty(), Optional.of(new Resource(a, Map.of("type", "container"),
                true)), List.of(), Optional.empty());
    }

    @Test
    void aSkipNamesTheFailedStepByAddress() {
        StringWriter err = new StringWriter();
        ApplyProgress progress = new ApplyProgress(new PrintWriter(err));

        progress.skipped(Outcome.Skipped.upstreamFailed(create("b"), create("a")));
        progress.skipped(Outcome.Skipped.cancelled(create("c")));

        assertThat(err.toString()).isEqualTo("instance.p/b: skipped (upstream failed: instance.p/a)\n"
                + "instance.p/c: skipped (cancelled)\n");
    }
}
