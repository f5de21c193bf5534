package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import net.sigsrv.infra.incus.api.InstanceSnapshot;
import net.sigsrv.infra.ops.BackupOps;
import net.sigsrv.infra.ops.SnapshotSchedules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Instance backups: export to and import from a local tarball, instance snapshots and their schedules. */
final class InstanceBackupCommands {

    private InstanceBackupCommands() {
    }

    @Category("Backups")
    @Command(name = "export", mixinStandardHelpOptions = true,
            header = "Export an instance to backups/NAME-YYYYMMDD.tar.gz (streamed, progress on stderr).",
            description = "The daemon makes a backup (with snapshots unless --instance-only), infra streams it into"
                    + " the file (mode 0600) and deletes the daemon's copy.%nExample: infra instance export web"
                    + "   # -> backups/web-20260125.tar.gz")
    static final class Export extends OpsCommand {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "FILE", arity = "0..1",
                description = "Where to write (default: backups/NAME-YYYYMMDD.tar.gz, UTC date).") Path file;
        @Option(names = "--instance-only", description = "Leave the instance's snapshots out.") boolean instanceOnly;
        @Mixin ProjectOption project;

        @Override
        int run(OpsSession s) throws Exception {
            Path target = file != null ? file
                    : BackupOps.defaultFile(Path.of(""), name, LocalDate.now(ZoneOffset.UTC));
            s.err().println("export " + name + ": the daemon is making the backup…");
            s.err().flush();
            long size = new BackupOps(s.client, s.guards()).export(s.project, name, target, instanceOnly,
                    s.progress("export " + name));
            return s.done("Exported " + name + " to " + target + " (" + TransferProgress.size(size) + ")");
        }
    }

    @Category("Backups")
    @Command(name = "import", mixinStandardHelpOptions = true,
            header = "Create an instance from an exported tarball.",
            description = "The backup's config (the instance's, its snapshots', its profiles') is read before upload:"
                    + " a privileged or privileged-equivalent setting (security.privileged, raw.lxc, …) is refused"
                    + " unless the spec (--spec, INFRA_SPEC or ./infra.yaml) declares the instance with it and a"
                    + " reason.%nExample: infra instance import backups/web-20260125.tar.gz --name web2 --storage"
                    + " default")
    static final class Import extends OpsCommand {
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--name", paramLabel = "NAME", description = "New name (default: the backup's).") String name;
        @Option(names = "--storage", paramLabel = "POOL", description = "Pool (default: the backup's).") String pool;
        @Option(names = "--target", paramLabel = "MEMBER", description = "Cluster member.") String target;
        @Mixin ProjectOption project;
        @Mixin SpecOption spec;

        @Override
        int run(OpsSession s) throws Exception {
            new BackupOps(s.client, s.guards()).importBackup(s.project, file, name, pool, target,
                    s.progress("import " + file));
            return s.done("Imported " + file + (name == null ? "" : " as " + name));
        }
    }

    @Category("Backups")
    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            header = "Instance snapshots and their schedules (set by the spec's `snapshots:` blocks).",
            subcommands = {SnapshotList.class, SnapshotSchedule.class})
    static final class Snapshot extends CommandGroup {
    }

    @Category("Backups")
    @Command(name = "list", mixinStandardHelpOptions = true,
            header = "List an instance's snapshots (scheduled ones included) with creation and expiry times.",
            description = "Example: infra instance snapshot list web")
    static final class SnapshotList extends OpsCommand {
        @Parameters(paramLabel = "NAME") String name;
        @Mixin ProjectOption project;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<InstanceSnapshot> list = new BackupOps(s.client, s.guards()).instanceSnapshots(s.project, name);
            return output.table(list, new Table("NAME", "CREATED", "EXPIRES"),
                    (t, x) -> t.row(x.name(), x.createdAt(), OpsSession.orDash(
                            x.expiresAt().startsWith("0001-") ? "" : x.expiresAt())));
        }
    }

    @Category("Backups")
    @Command(name = "schedule", mixinStandardHelpOptions = true,
            header = "Show each instance's snapshot schedule, where it comes from, and what the spec asks.",
            description = "Schedules are set through the spec: a `snapshots: {schedule, expiry, pattern}` block on a"
                    + " profile (or instance) becomes the snapshots.* keys 'infra apply' writes; the daemon then takes"
                    + " the snapshots. This shows the keys in effect and, with a spec, whether they match it.%n"
                    + "Example: infra instance snapshot schedule --spec lab.yaml")
    static final class SnapshotSchedule extends OpsCommand {
        @Mixin ProjectOption project;
        @Mixin SpecOption spec;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<SnapshotSchedules.Row> rows = new SnapshotSchedules(s.client).list(s.project, s.spec());
            return output.table(rows, new Table("INSTANCE", "SCHEDULE", "EXPIRY", "PATTERN", "FROM", "SPEC"),
                    (t, r) -> t.row(r.instance(), OpsSession.orDash(r.schedule()),
                            OpsSession.orDash(r.expiry()), OpsSession.orDash(r.pattern()),
                            OpsSession.orDash(r.source()), r.spec() == null ? "-" : r.spec().equals(r.schedule())
                                    ? "matches" : "wants '" + r.spec() + "' (run infra apply)"));
        }
    }
}
