package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's --help and the catalog, as golden files: options shared through mixins (output format, project,
 * spec) must read exactly as when each command declared its own, in the same order.
 */
class HelpGoldenTest {

    private static final Path DIR = Golden.repo().resolve("src/test/resources/help");

    @Test
    void everyCommandsHelpIsUnchanged() throws Exception {
        StringWriter all = new StringWriter();
        PrintWriter w = new PrintWriter(all);
        walk(InfraCommand.tree(), w);
        w.flush();
        Golden.assertMatches(DIR.resolve("all.txt"), all.toString());
    }

    @Test
    void theCatalogIsUnchanged() throws Exception {
        Golden.assertMatches(DIR.resolve("list.txt"), Cli.run("list").out());
    }

    @Test
    void helpOnTheCommandLineIsTheTreesHelp() {
        Cli.Result r = Cli.run("--remote", "lab", "network", "list", "--help");
        assertThat(r.exitCode()).isZero();
        StringWriter want = new StringWriter();
        CommandLine c = InfraCommand.tree().getSubcommands().get("network").getSubcommands().get("list");
        c.usage(new PrintWriter(want, true), CommandLine.Help.Ansi.OFF);
        assertThat(r.out()).isEqualTo(want.toString());
    }

    private static void walk(CommandLine c, PrintWriter w) {
        w.println("==== " + c.getCommandSpec().qualifiedName());
        c.usage(w, CommandLine.Help.Ansi.OFF);
        for (CommandLine sub : new LinkedHashSet<>(c.getSubcommands().values())) {
            walk(sub, w);
        }
    }
}
