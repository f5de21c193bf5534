package net.sigsrv.infra.cli;

import picocli.CommandLine.Command;

@Category("Talos")
@Command(name = "talos",
        mixinStandardHelpOptions = true,
        header = "Talos clusters of the spec: machine configuration and machine secrets.",
        description = "Works on the `clusters:` of a spec. Secrets and configs are written to 0600 files, never"
                + " printed (see docs/talos-config.md and docs/talos-secrets.md).",
        subcommands = {TalosConfigCommand.class, TalosSecretsCommand.class})
final class TalosCommand extends CommandGroup {
}
