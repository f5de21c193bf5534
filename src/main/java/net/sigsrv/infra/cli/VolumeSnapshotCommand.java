package net.sigsrv.infra.cli;

import java.util.List;
import net.sigsrv.infra.ops.BackupOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Backups")
@Command(name = "snapshot", mixinStandardHelpOptions = true, header = "Snapshots of a custom volume.",
        description = "Examples:%n  infra storage volume snapshot create default data before-upgrade%n"
                + "  infra storage volume copy default/data/before-upgrade small/data-restored",
        subcommands = {VolumeSnapshotCommand.Create.class, VolumeSnapshotCommand.ListSnapshots.class,
            VolumeSnapshotCommand.Delete.class})
final class VolumeSnapshotCommand extends CommandGroup {

    @Category("Backups")
    @Command(name = "create", mixinStandardHelpOptions = true, header = "Snapshot a custom volume.",
            description = "Example: infra storage volume snapshot create default data before-upgrade")
    static final class Create extends OpsCommand {
        @Parameters(index = "0", paramLabel = "POOL") String pool;
        @Parameters(index = "1", paramLabel = "VOLUME") String volume;
        @Parameters(index = "2", paramLabel = "SNAPSHOT") String snapshot;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Member of a local pool.") String target;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            new BackupOps(s.client, s.guards()).createSnapshot(s.project, pool, volume, snapshot, target);
            return s.done("Snapshot " + pool + "/" + volume + "/" + snapshot + " created");
        }
    }

    @Category("Backups")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List a custom volume's snapshots.",
            description = "Example: infra storage volume snapshot list default data -o json")
    static final class ListSnapshots extends OpsCommand {
        @Parameters(index = "0", paramLabel = "POOL") String pool;
        @Parameters(index = "1", paramLabel = "VOLUME") String volume;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Member of a local pool.") String target;
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<String> names = new BackupOps(s.client, s.guards()).snapshots(s.project, pool, volume, target);
            return output.print(names.stream().map(n -> java.util.Map.of("name", n)).toList(), out -> {
                Table t = new Table("SNAPSHOT");
                names.forEach(t::row);
                t.print(out);
            });
        }
    }

    @Category("Backups")
    @Command(name = "delete", mixinStandardHelpOptions = true, header = "Delete a volume snapshot.",
            description = "Example: infra storage volume snapshot delete default data before-upgrade")
    static final class Delete extends OpsCommand {
        @Parameters(index = "0", paramLabel = "POOL") String pool;
        @Parameters(index = "1", paramLabel = "VOLUME") String volume;
        @Parameters(index = "2", paramLabel = "SNAPSHOT") String snapshot;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Member of a local pool.") String target;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            new BackupOps(s.client, s.guards()).deleteSnapshot(s.project, pool, volume, snapshot, target);
            return s.done("Snapshot " + pool + "/" + volume + "/" + snapshot + " deleted");
        }
    }

    @Category("Backups")
    @Command(name = "copy", mixinStandardHelpOptions = true,
            header = "Copy a volume or snapshot (POOL/VOLUME[/SNAPSHOT]) to a new volume POOL/NAME.",
            description = "The copy is made on the member the source lives on unless --target says otherwise.%n"
                    + "Example: infra storage volume copy default/data/before-upgrade small/data-restored")
    static final class Copy extends OpsCommand {
        @Parameters(index = "0", paramLabel = "SOURCE", description = "POOL/VOLUME or POOL/VOLUME/SNAPSHOT")
        String source;
        @Parameters(index = "1", paramLabel = "TARGET", description = "POOL/NAME of the new volume") String target;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Member to make the copy on.") String member;
        @Mixin ProjectOption project;

        private String[] src;
        private String[] dst;

        @Override
        void check() {
            src = source.split("/", 2);
            dst = target.split("/", 2);
            if (src.length < 2 || src[1].isEmpty() || dst.length < 2 || dst[1].isEmpty() || dst[1].contains("/")) {
                throw InfraException.invalidInput("copy needs POOL/VOLUME[/SNAPSHOT] POOL/NAME, got '" + source
                        + "' '" + target + "'");
            }
        }

        @Override
        int run(OpsSession s) throws Exception {
            new BackupOps(s.client, s.guards()).copy(s.project, src[0], src[1], dst[0], dst[1], member);
            return s.done("Copied " + source + " to " + target);
        }
    }
}
