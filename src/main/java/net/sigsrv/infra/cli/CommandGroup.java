package net.sigsrv.infra.cli;

import picocli.CommandLine.Model.CommandSpec;

/** A command that only groups subcommands ({@code infra network}, …): run alone, it prints its usage and exits 0. */
abstract class CommandGroup implements Runnable {

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public void run() {
        command.commandLine().usage(command.commandLine().getOut());
    }
}
