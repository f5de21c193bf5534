package net.sigsrv.infra.cli;

import picocli.CommandLine.Command;

@Category("Talos")
@Command(name = "talos",
        mixinStandardHelpOptions = true,
        header = "Talos clusters of the spec: machine configuration.",
        description = "Works on the `clusters:` of a spec. Secrets and configs are written to 0600 files, never"
                + " printed.",
        subcommands = {TalosConfigCommand.class})
final class TalosCommand extends CommandGroup {
}
