package net.sigsrv.infra.cli;

import java.util.List;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.ops.StorageOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Storage")
@Command(name = "storage", mixinStandardHelpOptions = true,
        header = "Storage pools and custom volumes.",
        description = "Like 'incus storage'. Examples:%n  infra storage info small%n"
                + "  infra storage volume create default data --size 1GiB --target sigsrv%n"
                + "  infra storage volume attach default data web /srv/data",
        subcommands = {StorageCommand.ListPools.class, StorageCommand.Info.class, StorageVolumeCommand.class})
final class StorageCommand extends CommandGroup {

    @Category("Storage")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List storage pools.",
            description = "Example: infra storage list -o yaml")
    static final class ListPools extends OpsCommand {
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<StoragePool> pools = new StorageOps(s.client, s.guards()).pools();
            return output.table(pools, new Table("NAME", "DRIVER", "STATUS", "MEMBERS", "USED BY"),
                    (t, p) -> t.row(p.name(), p.driver(), p.status(),
                            OpsSession.join(p.locations().stream().sorted().toList()), p.usedBy().size()));
        }
    }

    @Category("Storage")
    @Command(name = "info", mixinStandardHelpOptions = true,
            header = "Show a pool's space and inode usage on each member (or one, --target).",
            description = "Example: infra storage info small --target minisrv")
    static final class Info extends OpsCommand {
        @Parameters(paramLabel = "POOL") String pool;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Only this member.") String target;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<StorageOps.MemberUsage> usage = new StorageOps(s.client, s.guards()).poolInfo(pool, target);
            return output.table(usage, new Table("MEMBER", "SPACE USED", "SPACE TOTAL", "USED %", "INODES USED",
                    "INODES TOTAL"),
                    (t, u) -> t.row(u.member(), TransferProgress.size(u.resources().space().used()),
                            TransferProgress.size(u.resources().space().total()),
                            String.format("%.1f", u.resources().space().percent()),
                            u.resources().inodes() == null ? "-" : u.resources().inodes().used(),
                            u.resources().inodes() == null ? "-" : u.resources().inodes().total()));
        }
    }
}
