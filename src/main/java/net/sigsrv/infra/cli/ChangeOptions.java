package net.sigsrv.infra.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the commands that change the lab through a plan ({@code apply}, {@code destroy}). */
final class ChangeOptions {

    @Option(names = "--auto-approve", description = "Do not ask for 'yes' before changing the lab.")
    boolean autoApprove;

    @Option(names = "--parallelism", paramLabel = "N", description = "Changes made at once, 1-64 (default: 10).")
    int parallelism = 10;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS",
            description = "How long to wait for another apply to release the lab lock (default: 10).")
    int lockTimeout = 10;

    int checkedParallelism() {
        if (parallelism < 1 || parallelism > 64) {
            throw InfraException.invalidInput("--parallelism must be between 1 and 64, got " + parallelism);
        }
        return parallelism;
    }

    Duration lockWait() {
        return Duration.ofSeconds(lockTimeout);
    }
}
