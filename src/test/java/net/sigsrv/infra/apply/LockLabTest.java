package net.sigsrv.infra.apply;

import net.sigsrv.infra.incus.Lab;
import static net.sigsrv.infra.apply.TestLab.expect;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab-wide lock: of two applies at once exactly one proceeds; the other fails naming the holder. */
@Tag("lab")
class LockLabTest {

    @Test
    void anApplyWhileTheLockIsHeldFailsNamingTheHolder(@TempDir Path dir) {
        try (TestLab t = TestLab.create("tlck", dir)) {
            Path spec = t.write("lab.yaml", t.spec().instance("c1", Lab.first()));
            String holder = "lock-test@" + t.lab + " (held by LockLabTest)";
            try (LabLock held = LabLock.acquire(t.client, t.lab, holder, Duration.ZERO)) {
                assertThat(LabLock.holder(t.client, t.lab)).hasValueSatisfying(v -> assertThat(v).startsWith(holder));
                Cli.Result refused = expect(TestLab.apply(spec, "--lock-timeout", "1"), 2);
                assertThat(refused.err()).contains("the lab '" + t.lab + "' is locked by " + holder)
                        .contains("infra unlock");
                assertThat(t.instance(t.project(), "c1")).isEmpty();
            }
            assertThat(LabLock.holder(t.client, t.lab)).as("released on close").isEmpty();
            expect(TestLab.apply(spec, "--lock-timeout", "1"), 0);
            assertThat(LabLock.holder(t.client, t.lab)).as("apply releases the lock").isEmpty();
        }
    }

    /**
     * Two {@code infra apply} started together (in-process, each on its own thread). The winner applies four
     * containers one at a time (a few seconds); the other waits one second for the lock, then fails naming the
     * holder. Which one wins is up to the daemon's compare-and-swap.
     */
    @Test
    void ofTwoAppliesAtOnceExactlyOneProceeds(@TempDir Path dir) throws Exception {
        try (TestLab t = TestLab.create("tlck", dir)) {
            Path spec = t.write("lab.yaml", t.spec().instance("c1", Lab.first()).instance("c2", Lab.second())
                    .instance("c3", Lab.first()).instance("c4", Lab.second()));
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Cli.Result>> runs = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (int i = 0; i < 2; i++) {
                    runs.add(pool.submit(() -> {
                        go.await();
                        return TestLab.apply(spec, "--parallelism", "1", "--lock-timeout", "1");
                    }));
                }
                go.countDown();
                List<Cli.Result> results = new ArrayList<>();
                for (Future<Cli.Result> f : runs) {
                    results.add(f.get(5, TimeUnit.MINUTES));
                }
                List<Cli.Result> proceeded = results.stream().filter(r -> r.exitCode() == 0).toList();
                List<Cli.Result> refused = results.stream().filter(r -> r.exitCode() == 2).toList();
                assertThat(proceeded).as("exactly one proceeds: %s", results).hasSize(1);
                assertThat(refused).as("the other is refused: %s", results).hasSize(1);
                assertThat(proceeded.getFirst().out())
                        .contains("Apply complete! Resources: 9 added, 0 changed, 0 destroyed.");
                assertThat(refused.getFirst().err()).containsPattern("the lab '" + t.lab
                        + "' is locked by \\S+@\\S+ \\(pid \\d+\\) since \\d{4}-");
                assertThat(refused.getFirst().out()).doesNotContain("Apply complete");
            }
            assertThat(LabLock.holder(t.client, t.lab)).isEmpty();
            assertThat(expect(TestLab.plan(spec), 0).out()).contains("No changes");
        }
    }
}
