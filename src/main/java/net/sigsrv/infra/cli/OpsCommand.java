package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * An ops command ({@code infra instance list}, {@code infra network set}, …): its options, one call into
 * {@code ops} inside an {@link OpsSession}, the render. The options it takes are mixins it declares: {@link
 * ProjectOption} ({@code --project}), {@link SpecOption} ({@code --spec}, whose guard rules apply) and {@link
 * OutputOption} ({@code -o}); the session is opened with the first two when the command has them. A refusal of the
 * ops layer exits 2 with its message.
 */
abstract class OpsCommand implements Callable<Integer> {

    /** {@code --project}, for ops commands that act in a project. */
    static final class ProjectOption {
        @Option(names = "--project", paramLabel = "NAME",
                description = "Project to work in (default: the one 'infra project switch' chose, else default).")
        String project;
    }

    /** {@code --spec}, for ops commands whose guard rules come from the spec. */
    static final class SpecOption {
        @Option(names = "--spec", paramLabel = "FILE", description = "The lab spec whose rules apply (protected"
                + " objects, privileged instances); default: INFRA_SPEC, else ./infra.yaml when it exists.")
        Path spec;
    }

    @picocli.CommandLine.Spec
    CommandSpec command;

    /** Checks of the command's own arguments, made before the lab is reached: bad input opens nothing. */
    void check() {
    }

    /** The command's work in an open session; returns the exit code. */
    abstract int run(OpsSession s) throws Exception;

    @Override
    public final Integer call() throws Exception {
        check();
        return OpsSession.run(command, mixin(ProjectOption.class), mixin(SpecOption.class), this::run);
    }

    private <T> T mixin(Class<T> type) {
        return command.mixins().values().stream().map(CommandSpec::userObject).filter(type::isInstance)
                .map(type::cast).findFirst().orElse(null);
    }
}
