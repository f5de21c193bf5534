package net.sigsrv.infra.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra destroy} on the simulator, which refuses to delete a protected instance, an object in use or a
 * project that is not empty exactly as the daemon does. What is left afterwards is read back with {@code infra plan}:
 * against a spec of exactly what should remain it must say "No changes" (an owned object left over would show as a
 * delete, a missing one as a create).
 */
class DestroySimTest {

    private static final String HOSTS = """
            hosts:
              - name: sigsrv
                address: https://sigsrv.local:8443
              - name: minisrv
                address: https://minisrv.local:8443
            """;
    /** What the protected instance needs, and only that. */
    private static final String KEPT = """
            lab: keep
            %s
            networks:
              - name: keepbr0
                ipv4: 10.78.0.0/24
            storage:
              - name: nvme
                driver: zfs
                source: {sigsrv: tank/nvme, minisrv: tank/nvme}
            projects:
              - name: p1
                profiles:
                  - name: db
                    nics: [{name: eth0, network: keepbr0}]
                instances:
                  - name: db
                    image: images:debian/12
                    target: sigsrv
                    protect: true
                    profiles: [default, db]
                    root: {pool: nvme, size: 10GiB}
                    disks: [{name: data, pool: nvme, size: 4GiB, path: /srv/data}]
            """.formatted(HOSTS);
    /** The same lab with an unprotected instance beside it, another project, and a network and pool of their own. */
    private static final String WITH_OTHERS = KEPT.replace("""
              - name: keepbr0
                ipv4: 10.78.0.0/24
            """, """
              - name: keepbr0
                ipv4: 10.78.0.0/24
              - name: otherbr0
                ipv4: 10.79.0.0/24
            """).replace("""
                source: {sigsrv: tank/nvme, minisrv: tank/nvme}
            """, """
                source: {sigsrv: tank/nvme, minisrv: tank/nvme}
              - name: bulk
                driver: zfs
                source: {sigsrv: tank/bulk, minisrv: tank/bulk}
            """) + """
                  - name: web
                    image: images:debian/12
                    target: minisrv
                    root: {pool: bulk, size: 10GiB}
                    nics: [{name: eth0, network: otherbr0}]
              - name: p2
                instances:
                  - name: app
                    image: images:debian/12
                    target: minisrv
                    root: {pool: bulk, size: 10GiB}
                    nics: [{name: eth0, network: otherbr0}]
            """;

    @TempDir
    Path dir;

    private Cli.Result sim(String... args) {
        return Cli.sim(dir.resolve("state"), args);
    }

    @AfterEach
    void stop() throws IOException {
        Sim.stopEmbedded(dir.resolve("state"));
    }

    @Test
    void aProtectedInstanceIsKeptWithWhatItNeedsAndEverythingElseGoes() throws IOException {
        Path full = Files.writeString(dir.resolve("full.yaml"), WITH_OTHERS);
        Path kept = Files.writeString(dir.resolve("kept.yaml"), KEPT);
        Cli.Result applied = sim("apply", "--auto-approve", full.toString());
        assertThat(applied.exitCode()).as(applied.all()).isZero();

        Cli.Result destroyed = sim("destroy", "--auto-approve", full.toString());

        assertThat(destroyed.exitCode()).as(destroyed.all()).isZero();
        assertThat(destroyed.out()).as(destroyed.all()).contains(
                "# BLOCKED: volume.p1/nvme/db-data is mounted by protected instance instance.p1/db",
                "# BLOCKED: network.keepbr0 is needed by protected instance instance.p1/db, which stays",
                "# BLOCKED: project.p1 is needed by protected instance instance.p1/db, which stays");
        assertThat(lastLine(destroyed)).isEqualTo("Destroy complete! 5 destroyed; kept 6 (protected instance p1/db"
                + " and what it needs: volume p1/nvme/db-data, profile p1/db, network keepbr0, pool nvme,"
                + " project p1).");
        assertThat(destroyed.all()).doesNotContain("run apply again").doesNotContain("failed");
        Cli.Result left = sim("plan", kept.toString());
        assertThat(left.out()).as(left.all()).contains("No changes.");

        Cli.Result again = sim("destroy", "--auto-approve", full.toString());
        assertThat(again.exitCode()).as(again.all()).isZero();
        assertThat(lastLine(again)).isEqualTo("Destroy complete! 0 destroyed; kept 6 (protected instance p1/db and"
                + " what it needs: volume p1/nvme/db-data, profile p1/db, network keepbr0, pool nvme, project p1).");
    }

    /** The lab's key turned off by hand (no spec given, so nothing refused it): destroy still obeys the spec. */
    @Test
    void theSpecKeepsAnInstanceWhoseProtectionWasTurnedOffByHand() throws IOException {
        Path kept = Files.writeString(dir.resolve("kept.yaml"), KEPT);
        Cli.Result applied = sim("apply", "--auto-approve", kept.toString());
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        Cli.Result off = sim("instance", "config", "set", "--project", "p1", "db", "security.protection.delete",
                "false");
        assertThat(off.exitCode()).as(off.all()).isZero();

        Cli.Result destroyed = sim("destroy", "--auto-approve", kept.toString());

        assertThat(destroyed.exitCode()).as(destroyed.all()).isZero();
        assertThat(destroyed.out()).contains("# BLOCKED: instance.p1/db is protected by the spec (protect: true) and"
                + " would be deleted");
        assertThat(lastLine(destroyed)).isEqualTo("Destroy complete! 0 destroyed; kept 6 (protected instance p1/db"
                + " and what it needs: volume p1/nvme/db-data, profile p1/db, network keepbr0, pool nvme,"
                + " project p1).");
        Cli.Result left = sim("plan", kept.toString());
        assertThat(left.out()).as(left.all()).contains("~ instance.p1/db")
                .contains("Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.");
    }

    /** Apply used to take the disk away and delete the volume with the protected instance's data in it. */
    @Test
    void applyRefusesToDeleteTheVolumeOfAProtectedInstance() throws IOException {
        Path kept = Files.writeString(dir.resolve("kept.yaml"), KEPT);
        Path withoutDisk = Files.writeString(dir.resolve("nodisk.yaml"), KEPT.replace(
                "        disks: [{name: data, pool: nvme, size: 4GiB, path: /srv/data}]\n", ""));
        Cli.Result applied = sim("apply", "--auto-approve", kept.toString());
        assertThat(applied.exitCode()).as(applied.all()).isZero();

        Cli.Result refused = sim("apply", "--auto-approve", withoutDisk.toString());

        assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
        assertThat(refused.out()).contains("# BLOCKED: volume.p1/nvme/db-data is mounted by protected instance"
                + " instance.p1/db and would be deleted; if you mean it, first apply a spec in which no protected"
                + " instance mounts it, then plan again");
        assertThat(refused.err()).contains("1 change(s) blocked (see BLOCKED above); nothing was applied");
        Cli.Result same = sim("plan", kept.toString());
        assertThat(same.out()).as(same.all()).contains("No changes.");
    }

    /** Used to skip every network and pool delete: each one waited for every project and instance delete. */
    @Test
    void aFailedDeleteSkipsOnlyWhatWaitsForIt() throws IOException {
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                lab: fail
                %s
                networks:
                  - name: p2br0
                    ipv4: 10.80.0.0/24
                  - name: otherbr0
                    ipv4: 10.81.0.0/24
                storage:
                  - name: p2pool
                    driver: zfs
                    source: {sigsrv: tank/p2, minisrv: tank/p2}
                  - name: bulk
                    driver: zfs
                    source: {sigsrv: tank/bulk, minisrv: tank/bulk}
                projects:
                  - name: p1
                    instances:
                      - name: web
                        image: images:debian/12
                        target: minisrv
                        root: {pool: bulk, size: 10GiB}
                        nics: [{name: eth0, network: otherbr0}]
                  - name: p2
                    default-profile:
                      root: {pool: p2pool, size: 10GiB}
                      nics: [{name: eth0, network: p2br0}]
                    instances:
                      - name: app
                        image: images:debian/12
                        target: sigsrv
                """.formatted(HOSTS));
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "lab: fail\n" + HOSTS);
        Cli.Result applied = sim("apply", "--auto-approve", spec.toString());
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        // made by hand in the lab's project: the project cannot be deleted while it is there
        Cli.Result stray = sim("instance", "launch", "--project", "p2", "images:debian/12", "stray", "--target",
                "sigsrv");
        assertThat(stray.exitCode()).as(stray.all()).isZero();

        Cli.Result destroyed = sim("destroy", "--auto-approve", spec.toString());

        assertThat(destroyed.exitCode()).as(destroyed.all()).isEqualTo(4);
        assertThat(destroyed.out()).as(destroyed.all())
                .contains("  ✗ project.p2: ")
                .contains("  - network.p2br0: not destroyed, it waits for project.p2\n")
                .contains("  - pool.p2pool: not destroyed, it waits for project.p2\n");
        assertThat(lastLine(destroyed)).isEqualTo("Destroy failed: 5 destroyed, 1 failed, 2 not tried as they depend"
                + " on it. Fix the error above, then run destroy again: it deletes what is left.");
        Cli.Result left = sim("plan", empty.toString());
        assertThat(left.out()).as(left.all())
                .contains("- project.p2", "- network.p2br0", "- pool.p2pool")
                .doesNotContain("otherbr0").doesNotContain("pool.bulk").doesNotContain("project.p1")
                .contains("Plan: 0 to add, 0 to change, 0 to replace, 3 to destroy.");
    }

    private static String lastLine(Cli.Result r) {
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        return lines.getLast();
    }
}
