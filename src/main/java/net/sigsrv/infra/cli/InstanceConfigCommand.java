package net.sigsrv.infra.cli;

import net.sigsrv.infra.ops.InstanceOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Category("Instances")
@Command(name = "config", mixinStandardHelpOptions = true, header = "Change an instance's own config keys.",
        description = "Example: infra instance config set web boot.autostart true",
        subcommands = InstanceConfigCommand.Set.class)
final class InstanceConfigCommand extends CommandGroup {

    @Category("Instances")
    @Command(name = "set", mixinStandardHelpOptions = true,
            header = "Set one config key of an instance (an empty VALUE removes it).",
            description = "security.privileged=true (or yes/on/1) and the privileged-equivalent keys (raw.lxc,"
                    + " raw.idmap, raw.apparmor, raw.seccomp, linux.kernel_modules, security.syscalls.intercept.*)"
                    + " are refused unless the spec declares the instance with them and a reason;"
                    + " security.protection.delete=false is refused while the spec protects it.%nExample: infra"
                    + " instance config set web user.note 'rebuilt 2026-01'")
    static final class Set extends OpsCommand {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "KEY") String key;
        @Parameters(index = "2", paramLabel = "VALUE") String value;
        @Mixin ProjectOption project;
        @Mixin SpecOption spec;

        @Override
        int run(OpsSession s) throws Exception {
            new InstanceOps(s.client, s.guards()).configSet(s.project, name, key, value);
            return s.done("Instance " + name + ": " + key + (value.lines().count() > 1 ? " set ("
                    + value.lines().count() + " lines)" : "=" + value));
        }
    }
}
