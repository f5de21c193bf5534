package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Which subcommands a command line gets (only the one it names, to spare a cold JVM picocli's model of the whole
 * tree), read from the root options' own model: a root option's value is never taken for the subcommand's name.
 */
class SubcommandRegistrationTest {

    private static Set<String> registered(String... args) {
        CommandLine root = new CommandLine(new InfraCommand());
        InfraCommand.register(root, args);
        return root.getSubcommands().keySet();
    }

    @Test
    void onlyTheNamedSubcommandIsBuiltWhereverTheRootOptionsStand() {
        assertThat(registered("plan", "lab.yaml")).containsExactly("plan");
        assertThat(registered("--remote", "lab", "plan", "lab.yaml")).containsExactly("plan");
        assertThat(registered("--remote=lab", "hosts")).containsExactly("hosts");
        assertThat(registered("--sim", "--sim-dir", "state", "instance", "list")).containsExactly("instance");
        assertThat(registered("--audit-log", "audit.jsonl", "audit", "--since", "1h")).containsExactly("audit");
        assertThat(registered("plan", "--remote", "validate")).containsExactly("plan");
    }

    @Test
    void aRootOptionsValueIsNotTheSubcommandEvenWhenItIsACommandsName() {
        assertThat(registered("--remote", "list", "hosts")).containsExactly("hosts");
        assertThat(registered("--sim-dir", "plan", "validate", "x.yaml")).containsExactly("validate");
    }

    @Test
    void theWholeTreeWhenTheLineNamesNoKnownCommandOrOneThatNeedsIt() {
        int all = InfraCommand.SUBCOMMANDS.size();
        assertThat(registered()).hasSize(all);
        assertThat(registered("--help")).hasSize(all);
        assertThat(registered("-hV")).hasSize(all);
        assertThat(registered("valdiate", "x.yaml")).hasSize(all);
        assertThat(registered("list")).hasSize(all);
        assertThat(registered("completion", "bash")).hasSize(all);
        assertThat(registered("--remote")).hasSize(all); // the real parse says the value is missing
        assertThat(registered("--bogus", "plan")).containsExactly("plan");
    }

    @Test
    void theVersionAloneNeedsNoCommand() {
        assertThat(registered("--version")).isEmpty();
        assertThat(registered("--remote", "lab", "-V")).isEmpty();
        assertThat(registered("plan", "--version")).containsExactly("plan");
    }

    @Test
    void rootOptionsBeforeTheCommandStillReachIt() {
        Cli.Result r = Cli.run("--remote", "../x", "hosts");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("infra: --remote: remote name '../x'").doesNotContain("picocli");
        Cli.Result missing = Cli.run("hosts", "--remote");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter for option '--remote'")
                .contains("Try 'infra hosts --help' for usage.");
    }
}
