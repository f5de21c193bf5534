package net.sigsrv.infra.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.sigsrv.infra.Golden;
import org.junit.jupiter.api.Test;

/**
 * The human and JSON reports, golden: the findings of a lab with sigsrv0 detached on sigsrv, a member that is gone,
 * and a pool that is filling, linked to their roots as the doctor links them.
 */
class ReportGoldenTest {

    private static final Path DIR = Golden.repo().resolve("src/test/resources/doctor/report");

    static Report faultyLab() {
        List<Finding> findings = List.of(
                Finding.of(Check.MEMBER_ONLINE, "sigsrv", "sigsrv").evidence("status Online").ok("sigsrv is Online"),
                Finding.of(Check.MEMBER_ONLINE, "minisrv", "minisrv")
                        .evidence("status Offline, message \"No heartbeat for 29s\"")
                        .remedy(Remedy.say("Start the daemon on minisrv.")).critical("minisrv is Offline: No"
                                + " heartbeat for 29s"),
                Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "sigsrv0").network("sigsrvbr0").evidence("upper devices of sigsrvbr0 on sigsrv:"
                        + " veth1").remedy(Remedy.run("Attach sigsrv0 to bridge sigsrvbr0 on sigsrv.",
                        HostCommand.of("sigsrv", "ip", "link", "set", "dev", "sigsrv0", "master",
                        "sigsrvbr0")))
                        .error("sigsrv0 is not attached to bridge sigsrvbr0 on sigsrv"),
                Finding.of(Check.BRIDGE_ATTACHED, "sigsrv", "user0").network("userbr0").ok("user0 is attached to userbr0 on sigsrv"),
                Finding.of(Check.BRIDGE_ATTACHED, "minisrv", "sigsrvbr0").network("sigsrvbr0").evidence("GET …: Missing event connection")
                        .unreadable().error("cannot read bridge sigsrvbr0 on minisrv"),
                Finding.of(Check.CROSS_HOST_PING, "", "sigsrvbr0:sigsrv→minisrv").network("sigsrvbr0")
                        .evidence("ping -c 1 10.231.20.3 in web1 exited 1: 100% packet loss")
                        .remedy(Remedy.say("Fix the bridge.")).error("web1 on sigsrv cannot reach web2 on minisrv"
                                + " over sigsrvbr0: no answer"),
                Finding.of(Check.POOL_USAGE, "sigsrv", "small").evidence("space used on sigsrv: 910 MiB of 1024 MiB"
                        + " (89 %)").remedy(Remedy.say("Free space in pool small on sigsrv, or grow the pool."))
                        .warn("pool small on sigsrv is 89 % full"),
                Finding.of(Check.POOL_USAGE, "sigsrv", "default").ok("pool default on sigsrv is 3 % full"));
        List<Finding> linked = RootCauses.link(findings);
        return new Report(linked, Duration.ofMillis(1234), 42);
    }

    @Test
    void humanReport() throws Exception {
        Golden.assertMatches(DIR.resolve("faulty.txt"), new ReportText(false, false).render(faultyLab()));
    }

    @Test
    void humanReportVerbose() throws Exception {
        Golden.assertMatches(DIR.resolve("faulty-verbose.txt"), new ReportText(false, true).render(faultyLab()));
    }

    @Test
    void jsonReport() throws Exception {
        String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(ReportJson.tree(faultyLab(), true)) + "\n";
        Golden.assertMatches(DIR.resolve("faulty.json"), json);
    }

    @Test
    void healthyReport() throws Exception {
        Report healthy = new Report(List.of(
                Finding.of(Check.MEMBER_ONLINE, "sigsrv", "sigsrv").ok("sigsrv is Online"),
                Finding.of(Check.MEMBER_ONLINE, "minisrv", "minisrv").ok("minisrv is Online"),
                Finding.of(Check.VLAN_UP, "sigsrv", "sigsrv0").ok("sigsrv0 is up on sigsrv")), Duration.ZERO, 0);
        Golden.assertMatches(DIR.resolve("healthy.txt"), new ReportText(false, false).render(healthy));
    }
}
