package net.sigsrv.infra.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Ownership;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two specs with different {@code lab:} names on one simulator: the second names what the first made (the built-in
 * default project included). Its plan shows each of those changes BLOCKED naming the first lab, its apply refuses,
 * plain {@code adopt} leaves them, {@code adopt --from-lab} takes them, and from then on the first lab's plan is the
 * one BLOCKED and its destroy deletes nothing of them.
 */
class OtherLabSimTest {

    private static final String SPEC = """
            lab: %s
            hosts:
              - name: sigsrv
                address: https://sigsrv.local:8443
              - name: minisrv
                address: https://minisrv.local:8443
            networks:
              - name: sharedbr0
                ipv4: 10.82.0.0/24
            projects:
              - name: default
                description: Shared things
              - name: p1
                instances:
                  - name: web
                    image: images:debian/12
                    target: sigsrv
                    nics: [{name: eth0, network: sharedbr0}]
            """;

    @TempDir
    Path dir;

    private String previousConfig;

    @BeforeEach
    void ownConfigDirectory() {
        previousConfig = System.getProperty("sigsrv.infra.config");
        System.setProperty("sigsrv.infra.config", dir.resolve("config").toString());
    }

    @AfterEach
    void stop() throws IOException {
        if (previousConfig == null) {
            System.clearProperty("sigsrv.infra.config");
        } else {
            System.setProperty("sigsrv.infra.config", previousConfig);
        }
        Sim.stopEmbedded(dir.resolve("state"));
    }

    private Cli.Result sim(String... args) {
        return Cli.sim(dir.resolve("state"), args);
    }

    private Cli.Result ok(String... args) {
        Cli.Result r = sim(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.all()).isZero();
        return r;
    }

    private String markOf(String project, String instance) throws IOException {
        try (IncusClient c = IncusClient.connect(Sim.endpoint(dir.resolve("state")))) {
            return c.instances().get(project, instance).value().config().getOrDefault(Ownership.KEY, "");
        }
    }

    private String blockedBy(String lab, String self, String address) {
        return "# BLOCKED: " + address + " is owned by lab '" + lab + "' (user.sigsrv-infra.lab), not by this lab '"
                + self + "', and would be updated; run 'infra adopt --from-lab " + lab + " SPEC " + address
                + "' to take it over on purpose, or rename it in the spec";
    }

    @Test
    void anotherLabsObjectsAreBlockedUntilAdoptedFromThatLab() throws IOException {
        String town = Files.writeString(dir.resolve("town.yaml"), SPEC.formatted("town")).toString();
        String city = Files.writeString(dir.resolve("city.yaml"), SPEC.formatted("city")).toString();
        ok("apply", "--auto-approve", town);

        Cli.Result plan = sim("plan", city);
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains(blockedBy("town", "city", "project.default"),
                blockedBy("town", "city", "project.p1"), blockedBy("town", "city", "network.sharedbr0"),
                blockedBy("town", "city", "instance.p1/web"))
                .contains("Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy.");
        ok("plan", "-out", dir.resolve("before.plan").toString(), city);

        Cli.Result refused = sim("apply", "--auto-approve", city);
        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
        assertThat(refused.err()).contains("change(s) blocked (see BLOCKED above); nothing was applied");
        assertThat(markOf("p1", "web")).isEqualTo("town");

        Cli.Result plain = ok("adopt", city);
        assertThat(plain.out()).isEqualTo("Not adopted, owned by another lab (lab 'town': project.default, project.p1,"
                + " network.sharedbr0, instance.p1/web); 'infra adopt --from-lab OTHER' takes them over"
                + " on purpose.\nNothing to adopt.\n");
        Cli.Result named = sim("adopt", city, "project.p1");
        assertThat(named.exitCode()).as(named.all()).isEqualTo(2);
        assertThat(named.err()).endsWith("infra: project.p1 is owned by lab 'town'; 'infra adopt --from-lab town'"
                + " takes it over on purpose\n");
        Cli.Result wrongLab = sim("adopt", "--from-lab", "village", city, "project.p1");
        assertThat(wrongLab.exitCode()).as(wrongLab.all()).isEqualTo(2);
        assertThat(wrongLab.err()).endsWith("infra: project.p1 is not marked by lab 'village' (it is marked by lab"
                + " 'town')\n");
        Cli.Result self = sim("adopt", "--from-lab", "city", city);
        assertThat(self.exitCode()).as(self.all()).isEqualTo(2);
        assertThat(markOf("p1", "web")).as("refusals change nothing").isEqualTo("town");

        Cli.Result adopted = ok("adopt", "--from-lab", "town", city);
        assertThat(adopted.out()).contains("adopted instance.p1/web from lab 'town'",
                "adopted project.default from lab 'town'", "Adopted 4 object(s)");
        assertThat(markOf("p1", "web")).isEqualTo("city");
        assertThat(ok("plan", city).out()).contains("No changes.");

        Cli.Result stale = sim("apply", dir.resolve("before.plan").toString());
        assertThat(stale.exitCode()).as("a plan saved before the take-over is not applied\n%s", stale.all())
                .isEqualTo(2);
        assertThat(stale.err()).contains("the lab has changed since");

        Cli.Result townPlan = ok("plan", town);
        assertThat(townPlan.out()).contains(blockedBy("city", "town", "instance.p1/web"));
        Cli.Result destroyed = ok("destroy", "--auto-approve", town);
        assertThat(destroyed.out()).as("town owns nothing any more").isEqualTo("No changes. The lab matches the spec"
                + " (0 objects checked).\n");
        assertThat(markOf("p1", "web")).isEqualTo("city");
        assertThat(ok("plan", city).out()).contains("No changes.");
    }

    /**
     * The lab locks live on the shared default project. They are LabLock's, not the spec's: an apply used to show
     * its own lock key as drift and remove it mid-apply, it would remove another lab's lock the same way, and a
     * saved plan naming the default project was always refused ("the lab has changed since": the apply's own lock).
     */
    @Test
    void lockKeysOnTheDefaultProjectAreNoDriftAndAnotherLabsLockIsKept() throws IOException {
        Path city = Files.writeString(dir.resolve("city.yaml"), """
                lab: city
                hosts:
                  - name: sigsrv
                    address: https://sigsrv.local:8443
                  - name: minisrv
                    address: https://minisrv.local:8443
                projects:
                  - name: default
                    description: Shared things
                """);
        Cli.Result applied = ok("apply", "--auto-approve", city.toString());
        assertThat(applied.out()).as("its own lock is not drift").doesNotContain("lock");

        try (IncusClient c = IncusClient.connect(Sim.endpoint(dir.resolve("state")));
             LabLock town = LabLock.acquire(c, "town", "town's apply", java.time.Duration.ofSeconds(5))) {
            Files.writeString(city, Files.readString(city).replace("Shared things", "Shared things, renamed"));
            Path saved = dir.resolve("city.plan");
            assertThat(ok("plan", "-out", saved.toString(), city.toString()).out()).doesNotContain("lock")
                    .contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.");
            Cli.Result fromFile = ok("apply", saved.toString());
            assertThat(fromFile.out()).contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed.");
            assertThat(LabLock.holder(c, "town")).as("town's lock is kept").hasValueSatisfying(
                    h -> assertThat(h).startsWith("town's apply since "));
        }
        assertThat(ok("plan", city.toString()).out()).contains("No changes.");
    }

    /** Adopting only the instance leaves town's project and network holding city's instance: town keeps them. */
    @Test
    void destroyKeepsWhatAnotherLabsObjectsUse() throws IOException {
        String town = Files.writeString(dir.resolve("town.yaml"), SPEC.formatted("town")).toString();
        String city = Files.writeString(dir.resolve("city.yaml"), SPEC.formatted("city")).toString();
        ok("apply", "--auto-approve", town);
        ok("adopt", "--from-lab", "town", city, "instance.p1/web");

        Cli.Result destroyed = ok("destroy", "--auto-approve", town);

        assertThat(destroyed.out()).contains("# BLOCKED: project.p1 is used by instance.p1/web of lab 'city' and"
                + " would be deleted; it stays while another lab's objects need it: remove them from that lab's spec"
                + " and apply it, then plan again", "# BLOCKED: network.sharedbr0 is used by instance.p1/web of lab"
                + " 'city'").doesNotContain("- instance.p1/web");
        assertThat(destroyed.out().strip().lines().toList().getLast()).isEqualTo("Destroy complete! 0 destroyed;"
                + " kept 2 (blocked: network sharedbr0, project p1).");
        assertThat(markOf("p1", "web")).isEqualTo("city");
    }
}
