package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.Test;

/** What a user sees from the command line itself: help, version, the catalog, completion, exit codes. */
class CommandLineTest {

    @Test
    void withoutACommandItListsTheCatalog() {
        Cli.Result r = Cli.run();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Spec:", "infra validate FILE", "Help:", "infra list");
    }

    @Test
    void listGroupsEveryCommandByCategoryWithADescription() throws Exception {
        Cli.Result text = Cli.run("list");
        assertThat(text.out()).containsSubsequence("Spec:", "infra validate FILE", "Check a lab spec",
                "Help:", "infra completion");
        JsonNode json = new ObjectMapper().readTree(Cli.run("list", "-o", "json").out());
        assertThat(json.get("commands")).hasSizeGreaterThanOrEqualTo(5);
        json.get("commands").forEach(c -> {
            assertThat(c.get("category").asText()).isNotBlank();
            assertThat(c.get("description").asText()).as("description of %s", c.get("command")).isNotBlank();
        });
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"validate", "rules", "schema", "list", "completion"}) {
            Cli.Result r = Cli.run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: infra " + command);
        }
    }

    @Test
    void versionNamesTheToolAndJava() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("infra ").contains("Java ");
    }

    @Test
    void aMistypedCommandIsBadInputWithASuggestion() {
        Cli.Result r = Cli.run("valdiate", "x.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("validate").contains("--help");
        assertThat(r.all()).doesNotContain("Exception");
    }

    @Test
    void aWrongOptionValueIsBadInput() {
        Cli.Result r = Cli.run("validate", "-o", "xml", "examples/minimal.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("xml");
    }

    @Test
    void completionScriptCompletesTheSubcommands() {
        Cli.Result r = Cli.run("completion", "bash");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("#!/usr/bin/env bash").contains("complete -F").contains("validate")
                .contains("completion");
    }

    @Test
    void rulesExplainsOneRuleAndRejectsUnknownOnes() {
        Cli.Result one = Cli.run("rules", "network-cross-host");
        assertThat(one.exitCode()).isZero();
        assertThat(one.out()).contains("network-cross-host").contains("every host");
        Cli.Result unknown = Cli.run("rules", "network-overlpa");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("did you mean 'network-overlap'");
    }

    @Test
    void schemaPrintsEveryTopLevelKey() {
        String out = Cli.run("schema").out();
        for (String key : new String[] {"hosts", "networks", "storage", "zones", "acls", "projects", "profiles",
            "instances", "clusters"}) {
            assertThat(out).contains("| `" + key + "`");
        }
    }
}
