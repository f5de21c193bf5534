package net.sigsrv.infra.cli;

import picocli.CommandLine.Command;

@Category("Talos")
@Command(name = "talos",
        mixinStandardHelpOptions = true,
        header = "Talos clusters: their machine secrets.",
        description = "Each cluster of the spec's clusters: section has its machine secrets in a 0600 file beside the"
                + " spec (see docs/talos-secrets.md).",
        subcommands = {TalosSecretsCommand.class})
final class TalosCommand extends CommandGroup {
}
