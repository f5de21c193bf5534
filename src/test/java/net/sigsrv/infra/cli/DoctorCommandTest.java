package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.doctor.Check;
import net.sigsrv.infra.doctor.Finding;
import net.sigsrv.infra.doctor.Report;
import org.junit.jupiter.api.Test;

/** {@code infra doctor} and {@code infra health} as a user meets them without a lab: catalog, bad input, help. */
class DoctorCommandTest {

    @Test
    void listChecksShowsEveryCheckWithItsArea() throws Exception {
        Cli.Result text = Cli.run("doctor", "--list-checks");
        assertThat(text.exitCode()).isZero();
        for (Check c : Check.values()) {
            assertThat(text.out()).contains(c.id());
        }
        JsonNode json = new ObjectMapper().readTree(Cli.run("doctor", "--list-checks", "-o", "json").out());
        assertThat(json.get("checks")).hasSize(Check.values().length);
        assertThat(json.get("checks").get(0).fieldNames()).toIterable().containsExactly("id", "area", "checks",
                "remedy");
    }

    @Test
    void anUnknownCheckIsBadInputWithASuggestion() {
        Cli.Result r = Cli.run("doctor", "--sim", "--check", "network-vlan-upp");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no check 'network-vlan-upp'").contains("network-vlan-up")
                .contains("--list-checks");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void anUnknownAreaIsBadInput() {
        Cli.Result r = Cli.run("health", "network", "--sim", "--area", "netwrk");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--area netwrk").contains("network");
    }

    @Test
    void exitCodeFollowsTheWorstFindingUnlessExitZero() {
        DoctorCommand.Rendering rendering = new DoctorCommand.Rendering();
        assertThat(rendering.exit(report(Finding.of(Check.VLAN_UP, "a", "x").ok("up")))).isZero();
        assertThat(rendering.exit(report(Finding.of(Check.VLAN_UP, "a", "x").warn("hm")))).isEqualTo(1);
        assertThat(rendering.exit(report(Finding.of(Check.VLAN_UP, "a", "x").error("down")))).isEqualTo(3);
        assertThat(rendering.exit(report(Finding.of(Check.MEMBER_ONLINE, "a", "a").critical("gone")))).isEqualTo(3);
        rendering.exitZero = true;
        assertThat(rendering.exit(report(Finding.of(Check.MEMBER_ONLINE, "a", "a").critical("gone")))).isZero();
    }

    @Test
    void healthViewsAreListedAndTeachWithExamples() {
        assertThat(Cli.run("list").out()).contains("infra doctor [SPEC]", "infra health network [HOST]",
                "infra health cluster [HOST]", "infra health storage [HOST]", "infra health resources [HOST]");
        Cli.Result help = Cli.run("doctor", "--help");
        assertThat(help.out()).contains("Examples:", "--fix", "--exit-zero", "Exit status");
        assertThat(Cli.run("health", "--help").out()).contains("Examples:", "infra health cluster --remote lab");
    }

    private static Report report(Finding f) {
        return new Report(List.of(f), Duration.ZERO, 0);
    }
}
