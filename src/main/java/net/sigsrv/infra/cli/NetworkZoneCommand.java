package net.sigsrv.infra.cli;

import java.util.List;
import java.util.stream.Collectors;
import net.sigsrv.infra.incus.api.NetworkZone;
import net.sigsrv.infra.incus.api.ZoneRecord;
import net.sigsrv.infra.ops.NetworkOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Networks")
@Command(name = "zone", mixinStandardHelpOptions = true, header = "Network zones and their records.",
        subcommands = {NetworkZoneCommand.ListZones.class, NetworkZoneCommand.Record.class})
final class NetworkZoneCommand extends CommandGroup {

    @Category("Networks")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List network zones.",
            description = "Example: infra network zone list")
    static final class ListZones extends OpsCommand {
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<NetworkZone> zones = new NetworkOps(s.client).zones();
            return output.table(zones, new Table("NAME", "DESCRIPTION", "USED BY"),
                    (t, z) -> t.row(z.name(), OpsSession.orDash(z.description()), z.usedBy().size()));
        }
    }

    @Category("Networks")
    @Command(name = "record", mixinStandardHelpOptions = true, header = "Records of a network zone.",
            subcommands = {ListRecords.class, CreateRecord.class, DeleteRecord.class})
    static final class Record extends CommandGroup {
    }

    @Category("Networks")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List a zone's records with their TTLs.",
            description = "Example: infra network zone record list lab.local")
    static final class ListRecords extends OpsCommand {
        @Parameters(paramLabel = "ZONE") String zone;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<ZoneRecord> records = new NetworkOps(s.client).records(zone);
            return output.table(records, new Table("NAME", "ENTRIES"),
                    (t, r) -> t.row(r.name(), r.entries().stream().map(e -> e.type() + " " + e.value()
                            + " ttl=" + (e.ttl() == null ? "-" : e.ttl())).collect(Collectors.joining("; "))));
        }
    }

    @Category("Networks")
    @Command(name = "create", mixinStandardHelpOptions = true, header = "Create a zone record (A by default).",
            description = "Example: infra network zone record create lab.local web 10.234.5.10 --ttl 60")
    static final class CreateRecord extends OpsCommand {
        @Parameters(index = "0", paramLabel = "ZONE") String zone;
        @Parameters(index = "1", paramLabel = "NAME") String name;
        @Parameters(index = "2", paramLabel = "VALUE") String value;
        @Option(names = "--type", paramLabel = "TYPE", description = "A, AAAA, CNAME, TXT, … (default: A).")
        String type = "A";
        @Option(names = "--ttl", paramLabel = "SECONDS", description = "Time to live (default: 300).") long ttl = 300;

        @Override
        int run(OpsSession s) throws Exception {
            new NetworkOps(s.client).createRecord(zone, name, type, value, ttl);
            return s.done("Record " + name + "." + zone + " " + type + " " + value + " (ttl " + ttl
                    + ") created");
        }
    }

    @Category("Networks")
    @Command(name = "delete", mixinStandardHelpOptions = true, header = "Delete a zone record.",
            description = "Example: infra network zone record delete lab.local web")
    static final class DeleteRecord extends OpsCommand {
        @Parameters(index = "0", paramLabel = "ZONE") String zone;
        @Parameters(index = "1", paramLabel = "NAME") String name;

        @Override
        int run(OpsSession s) throws Exception {
            new NetworkOps(s.client).deleteRecord(zone, name);
            return s.done("Record " + name + "." + zone + " deleted");
        }
    }
}
