package net.sigsrv.infra.cli;

import java.util.List;
import net.sigsrv.infra.ops.StorageOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Storage")
@Command(name = "volume", mixinStandardHelpOptions = true,
        header = "Custom volumes: list, create, attach, detach, delete, snapshots and copies.",
        description = "A volume on a local pool lives on one member; commands find it by name and need --target"
                + " only when the name exists on several members.",
        subcommands = {StorageVolumeCommand.ListVolumes.class, StorageVolumeCommand.Create.class,
            StorageVolumeCommand.Attach.class, StorageVolumeCommand.Detach.class, StorageVolumeCommand.Delete.class,
            VolumeSnapshotCommand.class, VolumeSnapshotCommand.Copy.class})
final class StorageVolumeCommand extends CommandGroup {

    @Category("Storage")
    @Command(name = "list", mixinStandardHelpOptions = true,
            header = "List custom volumes of one pool, or of every pool.",
            description = "Example: infra storage volume list default --project p1")
    static final class ListVolumes extends OpsCommand {
        @Parameters(paramLabel = "POOL", arity = "0..1", description = "Default: every pool.") String pool;
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<StorageOps.VolumeRow> rows = new StorageOps(s.client, s.guards()).volumes(s.project, pool);
            return output.table(rows, new Table("POOL", "NAME", "CONTENT", "SIZE", "LOCATION", "USED BY"),
                    (t, r) -> t.row(r.pool(), r.volume().name(), r.volume().contentType(),
                            OpsSession.orDash(r.volume().config().get("size")), OpsSession.orDash(r.volume()
                                    .location()), r.volume().usedBy().size()));
        }
    }

    @Category("Storage")
    @Command(name = "create", mixinStandardHelpOptions = true, header = "Create a custom volume.",
            description = "Example: infra storage volume create default data --size 1GiB --type block --target"
                    + " minisrv")
    static final class Create extends OpsCommand {
        @Parameters(index = "0", paramLabel = "POOL") String pool;
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Option(names = "--size", paramLabel = "SIZE", description = "e.g. 1GiB (default: the pool's).") String size;
        @Option(names = "--type", paramLabel = "TYPE", description = "filesystem or block (default: filesystem).")
        String type = "filesystem";
        @Option(names = "--target", paramLabel = "MEMBER", description = "Member of a local pool.") String target;
        @Mixin ProjectOption project;

        @Override
        void check() {
            if (!type.equals("filesystem") && !type.equals("block")) {
                throw InfraException.invalidInput("--type " + type + ": must be filesystem or block");
            }
        }

        @Override
        int run(OpsSession s) throws Exception {
            new StorageOps(s.client, s.guards()).createVolume(s.project, pool, name, size, type, target);
            return s.done("Volume " + pool + "/" + name + " created");
        }
    }

    @Category("Storage")
    @Command(name = "attach", mixinStandardHelpOptions = true,
            header = "Attach a volume to an instance at a path (a disk device named after the volume).",
            description = "Block volumes take no PATH. Example: infra storage volume attach default data web /srv/data")
    static final class Attach extends OpsCommand {
        @Parameters(index = "0", paramLabel = "POOL") String pool;
        @Parameters(index = "1", paramLabel = "VOLUME") String volume;
        @Parameters(index = "2", paramLabel = "INSTANCE") String instance;
        @Parameters(index = "3", paramLabel = "PATH", arity = "0..1") String path;
        @Option(names = "--device", paramLabel = "NAME", description = "Device name (default: the volume's).")
        String device;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            new StorageOps(s.client, s.guards()).attach(s.project, pool, volume, instance, path,
                    device == null ? volume : device);
            return s.done("Volume " + pool + "/" + volume + " attached to " + instance
                    + (path == null ? "" : " at " + path));
        }
    }

    @Category("Storage")
    @Command(name = "detach", mixinStandardHelpOptions = true, header = "Detach a volume from an instance.",
            description = "Example: infra storage volume detach default data web")
    static final class Detach extends OpsCommand {
        @Parameters(index = "0", paramLabel = "POOL") String pool;
        @Parameters(index = "1", paramLabel = "VOLUME") String volume;
        @Parameters(index = "2", paramLabel = "INSTANCE") String instance;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            new StorageOps(s.client, s.guards()).detach(s.project, pool, volume, instance);
            return s.done("Volume " + pool + "/" + volume + " detached from " + instance);
        }
    }

    @Category("Storage")
    @Command(name = "delete", mixinStandardHelpOptions = true,
            header = "Delete a custom volume (refused when the spec protects it).",
            description = "A disk volume of a `protect: true` instance is protected.%nExample: infra storage volume"
                    + " delete default data --spec lab.yaml")
    static final class Delete extends OpsCommand {
        @Parameters(index = "0", paramLabel = "POOL") String pool;
        @Parameters(index = "1", paramLabel = "VOLUME") String volume;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Member of a local pool.") String target;
        @Mixin ProjectOption project;
        @Mixin SpecOption spec;

        @Override
        int run(OpsSession s) throws Exception {
            new StorageOps(s.client, s.guards()).deleteVolume(s.project, pool, volume, target);
            return s.done("Volume " + pool + "/" + volume + " deleted");
        }
    }
}
