package net.sigsrv.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import net.sigsrv.infra.ops.InstanceOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Instances")
@Command(name = "file", mixinStandardHelpOptions = true, header = "Copy files into and out of an instance.",
        description = "Paths inside the instance are written NAME/PATH, like incus.%nExamples:%n"
                + "  infra instance file push ./motd web/etc/motd%n  infra instance file pull web/etc/hostname ./h",
        subcommands = {InstanceFileCommand.Push.class, InstanceFileCommand.Pull.class})
final class InstanceFileCommand implements Runnable {

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }

    /** {@code NAME/PATH} split at the first slash; the path keeps its leading slash. */
    static String[] target(String spec) {
        int slash = spec.indexOf('/');
        if (slash <= 0 || slash == spec.length() - 1) {
            throw InfraException.invalidInput("'" + spec + "' is not NAME/PATH (e.g. web/etc/motd)");
        }
        return new String[] {spec.substring(0, slash), spec.substring(slash)};
    }

    @Category("Instances")
    @Command(name = "push", mixinStandardHelpOptions = true, header = "Copy a local file into an instance.",
            description = "The file is owned by root with --mode (default 0644). Example: infra instance file push"
                    + " ./motd web/etc/motd")
    static final class Push implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "LOCAL") Path local;
        @Parameters(index = "1", paramLabel = "NAME/PATH") String remote;
        @Option(names = "--mode", paramLabel = "MODE", description = "File mode (default: 0644).") String mode = "0644";
        @Mixin OpsSession.ProjectOption project;
        @picocli.CommandLine.Spec CommandSpec command;

        @Override
        public Integer call() throws Exception {
            String[] t = target(remote);
            if (!Files.isRegularFile(local)) {
                throw InfraException.invalidInput(local + ": no such file");
            }
            return OpsSession.run(command, project, null, s -> {
                new InstanceOps(s.client, s.guards()).push(s.project, t[0], local, t[1], mode,
                        s.progress("push " + local));
                s.out().println("Pushed " + local + " to " + remote);
                return 0;
            });
        }
    }

    @Category("Instances")
    @Command(name = "pull", mixinStandardHelpOptions = true, header = "Copy a file out of an instance.",
            description = "Files only (not directories). Example: infra instance file pull web/etc/hostname ./h")
    static final class Pull implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME/PATH") String remote;
        @Parameters(index = "1", paramLabel = "LOCAL") Path local;
        @Mixin OpsSession.ProjectOption project;
        @picocli.CommandLine.Spec CommandSpec command;

        @Override
        public Integer call() throws Exception {
            String[] t = target(remote);
            return OpsSession.run(command, project, null, s -> {
                long size = new InstanceOps(s.client, s.guards()).pull(s.project, t[0], t[1], local,
                        s.progress("pull " + remote));
                s.out().println("Pulled " + remote + " to " + local + " (" + TransferProgress.size(size) + ")");
                return 0;
            });
        }
    }
}
