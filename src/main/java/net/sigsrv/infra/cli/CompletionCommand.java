package net.sigsrv.infra.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

@Category("Help")
@Command(name = "completion",
        mixinStandardHelpOptions = true,
        header = "Print a shell completion script (bash or zsh).",
        description = {
            "Load it in this shell:  source <(infra completion bash)",
            "Install it for good:    infra completion bash > /etc/bash_completion.d/infra",
            "zsh: run 'autoload -U +X bashcompinit && bashcompinit' first, then source the same script."})
final class CompletionCommand implements Callable<Integer> {

    enum Shell { BASH, ZSH }

    @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash", description = "bash or zsh (default: bash).")
    Shell shell;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        command.commandLine().getOut().print(AutoComplete.bash("infra", command.root().commandLine()));
        command.commandLine().getOut().flush();
        return ExitCode.OK.code();
    }
}
