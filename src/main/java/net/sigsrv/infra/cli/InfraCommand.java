package net.sigsrv.infra.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code infra} command. Without a subcommand it prints the command list. */
@Command(name = "infra",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "A control plane for small multi-host Incus labs with Talos Kubernetes on top.",
        description = "One YAML file describes the whole lab: hosts, bridges on VLANs, storage pools, projects,"
                + " instances, zones, ACLs and Talos clusters. Start with '@|bold infra validate"
                + " examples/sigsrv.yaml|@'.",
        subcommands = {
            ValidateCommand.class,
            RulesCommand.class,
            SchemaCommand.class,
            ListCommand.class,
            CompletionCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0   success", "  1   differences found (fmt --check)",
            "  2   bad input: spec errors, unreadable file, wrong option; nothing touched",
            "  70  internal error (a bug)",
            "", "Run 'infra list' for every command by category, 'infra COMMAND --help' for one."})
public final class InfraCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        ListCommand.print(spec.commandLine(), spec.commandLine().getOut());
    }
}
