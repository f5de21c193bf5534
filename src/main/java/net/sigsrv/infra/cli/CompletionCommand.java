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
            "Load it in the current shell:   source <(infra completion bash)",
            "Or install it for good:         infra completion bash > /etc/bash_completion.d/infra",
            "zsh uses the same script after 'autoload -U +X bashcompinit && bashcompinit'."})
final class CompletionCommand implements Callable<Integer> {

    enum Shell { BASH, ZSH }

    @Parameters(paramLabel = "SHELL", defaultValue = "bash", description = "bash or zsh (default: ${DEFAULT-VALUE}).")
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
