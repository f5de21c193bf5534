package net.sigsrv.infra.cli;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import net.sigsrv.infra.doctor.Area;
import net.sigsrv.infra.doctor.Check;
import net.sigsrv.infra.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

/**
 * {@code infra health VIEW [HOST]}: focused views over the doctor's checks (same findings, same exit codes),
 * optionally only what concerns one host.
 */
@Category("Health")
@Command(name = "health",
        mixinStandardHelpOptions = true,
        header = "Focused views of the doctor's checks: network, cluster, storage, resources [HOST].",
        description = {"The same checks as 'infra doctor', one view at a time, optionally only what concerns one"
                + " host (findings about the whole lab are kept).",
                "",
                "Examples:",
                "  infra health cluster --remote lab          # members Online, database, versions",
                "  infra health network sigsrv --remote lab   # bridges, VLAN interfaces and pings seen from sigsrv",
                "  infra health resources -o json --remote lab"},
        subcommands = {HealthCommand.Network.class, HealthCommand.Cluster.class, HealthCommand.Storage.class,
            HealthCommand.Resources.class})
final class HealthCommand extends CommandGroup {

    /** What every view shares: the optional host, selection and rendering options. */
    abstract static class View implements Callable<Integer> {
        @Parameters(paramLabel = "HOST", arity = "0..1", description = "Only findings about this cluster member"
                + " (and the lab-wide ones).")
        String host;

        @Mixin
        DoctorCommand.Selection selection = new DoctorCommand.Selection();

        @Mixin
        DoctorCommand.Rendering rendering = new DoctorCommand.Rendering();

        @picocli.CommandLine.Spec
        CommandSpec command;

        abstract Set<Check> checks();

        @Override
        public Integer call() {
            Doctor.Options options = selection.options(Optional.of(checks()), command.commandLine().getErr())
                    .withHost(Optional.ofNullable(host));
            return DoctorCommand.run(command, Optional.empty(), options, rendering);
        }

        static Set<Check> area(Area a) {
            Set<Check> out = EnumSet.noneOf(Check.class);
            for (Check c : Check.values()) {
                if (c.area() == a) {
                    out.add(c);
                }
            }
            return out;
        }
    }

    @Category("Health")
    @Command(name = "network", mixinStandardHelpOptions = true,
            header = "Bridges, VLAN interfaces, leases, gateway and cross-host pings (the doctor's network area).")
    static final class Network extends View {
        @Override
        Set<Check> checks() {
            return area(Area.NETWORK);
        }
    }

    @Category("Health")
    @Command(name = "cluster", mixinStandardHelpOptions = true,
            header = "Members Online, database roles, versions (the doctor's cluster area).")
    static final class Cluster extends View {
        @Override
        Set<Check> checks() {
            return area(Area.CLUSTER);
        }
    }

    @Category("Health")
    @Command(name = "storage", mixinStandardHelpOptions = true,
            header = "Pools Created on every member, their usage, volumes (the doctor's storage area).")
    static final class Storage extends View {
        @Override
        Set<Check> checks() {
            return area(Area.STORAGE);
        }
    }

    @Category("Health")
    @Command(name = "resources", mixinStandardHelpOptions = true,
            header = "How full each pool is on each member, and which projects set no limits.")
    static final class Resources extends View {
        @Override
        Set<Check> checks() {
            return EnumSet.of(Check.POOL_USAGE, Check.PROJECT_LIMITS);
        }
    }
}
