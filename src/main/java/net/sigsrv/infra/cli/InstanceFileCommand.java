package net.sigsrv.infra.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import net.sigsrv.infra.ops.FileCopy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Instances")
@Command(name = "file", mixinStandardHelpOptions = true, header = "Copy files into and out of an instance.",
        description = "Paths inside the instance are written NAME/PATH, like incus.%nExamples:%n"
                + "  infra instance file push ./motd web/etc/motd%n  infra instance file pull web/etc/hostname ./h",
        subcommands = {InstanceFileCommand.Push.class, InstanceFileCommand.Pull.class})
final class InstanceFileCommand extends CommandGroup {

    /** {@code NAME/PATH} split at the first slash; the path keeps its leading slash. */
    static String[] target(String spec) {
        int slash = spec.indexOf('/');
        if (slash <= 0 || slash == spec.length() - 1) {
            throw InfraException.invalidInput("'" + spec + "' is not NAME/PATH (e.g. web/etc/motd)");
        }
        return new String[] {spec.substring(0, slash), spec.substring(slash)};
    }

    @Category("Instances")
    @Command(name = "push", mixinStandardHelpOptions = true, header = "Copy a local file (or directory) into an"
            + " instance.",
            description = "Files are owned by root with --mode (default 0644). With -r a directory is copied with its"
                    + " contents to NAME/PATH (directories 0755, executable files 0755); symlinks are skipped.%n"
                    + "Examples:%n  infra instance file push ./motd web/etc/motd%n"
                    + "  infra instance file push -r -p ./site web/srv/www")
    static final class Push extends OpsCommand {
        @Parameters(index = "0", paramLabel = "LOCAL") Path local;
        @Parameters(index = "1", paramLabel = "NAME/PATH") String remote;
        @Option(names = "--mode", paramLabel = "MODE", description = "File mode (default: 0644).") String mode = "0644";
        @Option(names = {"-r", "--recursive"}, description = "Copy a directory with its contents.") boolean recursive;
        @Option(names = {"-p", "--create-dirs"}, description = "Make the missing directories above NAME/PATH.")
        boolean createDirs;
        @Mixin ProjectOption project;

        /** The instance and the path in it. */
        private String[] inside;

        @Override
        void check() {
            inside = target(remote);
            if (!Files.exists(local)) {
                throw InfraException.invalidInput(local + ": no such file or directory");
            }
            if (Files.isDirectory(local) && !recursive) {
                throw InfraException.invalidInput(local + " is a directory; push it with its contents with -r"
                        + " (--recursive)");
            }
        }

        @Override
        int run(OpsSession s) throws Exception {
            FileCopy.Copied copied = new FileCopy(s.client).push(s.project, inside[0], local, inside[1], mode, recursive,
                    createDirs, s.progress("push " + local));
            return s.done("Pushed " + local + " to " + remote + summary(copied));
        }
    }

    @Category("Instances")
    @Command(name = "pull", mixinStandardHelpOptions = true, header = "Copy a file (or directory) out of an instance.",
            description = "The file is written through a temporary file, so a failed transfer leaves nothing half"
                    + " written. With -r a directory is copied with its contents to LOCAL (made when missing)."
                    + " A symlink is made as a symlink only when it stays inside the copy; one that leads elsewhere"
                    + " (an absolute target, or out of LOCAL) would point at this machine's own files, so it is"
                    + " refused and named (--links makes it as it is). Setuid, setgid and sticky bits are dropped"
                    + " (--keep-special-bits keeps them).%nExamples:%n  infra instance file pull web/etc/hostname ./h%n"
                    + "  infra instance file pull -r web/etc ./web-etc")
    static final class Pull extends OpsCommand {
        @Parameters(index = "0", paramLabel = "NAME/PATH") String remote;
        @Parameters(index = "1", paramLabel = "LOCAL") Path local;
        @Option(names = {"-r", "--recursive"}, description = "Copy a directory with its contents.") boolean recursive;
        @Option(names = "--links", description = "Make symlinks as they are, even those leading outside the copy.")
        boolean links;
        @Option(names = "--keep-special-bits", description = "Keep setuid, setgid and sticky bits (directories then"
                + " get the instance's mode too).")
        boolean keepSpecialBits;
        @Mixin ProjectOption project;

        /** The instance and the path in it. */
        private String[] inside;

        @Override
        void check() {
            inside = target(remote);
        }

        @Override
        int run(OpsSession s) throws Exception {
            FileCopy.Copied copied = new FileCopy(s.client).pull(s.project, inside[0], inside[1], local,
                    new FileCopy.PullOptions(recursive, links, keepSpecialBits), s.progress("pull " + remote));
            for (String link : copied.outsideLinks()) {
                s.err().println("infra: not made: symlink " + link + " leads outside " + local
                        + " (--links makes it as it is)");
            }
            return s.done("Pulled " + remote + " to " + local + summary(copied));
        }
    }

    /** " (12.3 KiB)" for one file, " (3 files, 2 directories, 12.3 KiB)" for a tree. */
    static String summary(FileCopy.Copied c) {
        if (c.directories() == 0 && c.files() == 1 && c.skipped() == 0) {
            return " (" + TransferProgress.size(c.bytes()) + ")" + dropped(c);
        }
        return " (" + c.files() + (c.files() == 1 ? " file, " : " files, ") + c.directories()
                + (c.directories() == 1 ? " directory, " : " directories, ") + TransferProgress.size(c.bytes())
                + (c.skipped() == 0 ? "" : ", " + c.skipped() + " symlink(s) skipped")
                + (c.outsideLinks().isEmpty() ? "" : ", " + c.outsideLinks().size() + " symlink(s) leading outside"
                        + " not made") + ")" + dropped(c);
    }

    private static String dropped(FileCopy.Copied c) {
        return c.specialBitsDropped() == 0 ? "" : "; setuid/setgid/sticky bits dropped from "
                + c.specialBitsDropped() + " (--keep-special-bits keeps them)";
    }
}
