package net.sigsrv.infra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.sigsrv.infra.spec.SpecLoader;
import org.junit.jupiter.api.Test;

/** The guard rules read from a spec: what `protect: true` covers, and which instances may be privileged. */
class GuardsTest {

    private static final String SPEC = """
            lab: g
            hosts:
              - name: h1
                socket: /var/lib/incus/unix.socket
            storage:
              - name: fast
                driver: dir
            projects:
              - name: p1
                instances:
                  - name: db
                    image: busybox
                    protect: true
                    disks:
                      - name: data
                        pool: fast
                        size: 1GiB
                        path: /srv
                  - name: builder
                    image: busybox
                    privileged: true
                    reason: loop mounts
            instances:
              - name: web
                image: busybox
            """;

    private final Guards guards = Guards.of(SpecLoader.parse(SPEC.getBytes(StandardCharsets.UTF_8), "lab.yaml")
            .spec(), "lab.yaml");

    @Test
    void aProtectedInstanceProtectsItsVolumesAndProject() {
        assertThat(guards.protection().deleteRefusal("instance", "p1", "db")).get().asString()
                .contains("lab.yaml:13:18 sets `protect: true`");
        assertThat(guards.protection().deleteRefusal("volume", "p1", "fast/db-data")).get().asString()
                .contains("it is disk data of instance db, which lab.yaml:13:18 marks `protect: true`");
        assertThat(guards.protection().deleteRefusal("project", "p1", "p1")).isPresent();
        assertThat(guards.protection().deleteRefusal("instance", "default", "web")).isEmpty();
        assertThat(guards.protection().deleteRefusal("project", "default", "default")).isEmpty();
    }

    @Test
    void volumesAProtectedInstanceMountsThroughItsProfilesAreProtectedToo() {
        Guards g = Guards.of(SpecLoader.parse("""
                lab: g
                hosts:
                  - name: h1
                    socket: /var/lib/incus/unix.socket
                storage:
                  - name: fast
                    driver: dir
                projects:
                  - name: p2
                    default-profile:
                      disks:
                        - {name: home, pool: fast, volume: homes, size: 1GiB, path: /home}
                    profiles:
                      - name: media
                        disks:
                          - {name: media, pool: fast, volume: media, size: 1GiB, path: /srv/media}
                      - name: scratch
                        disks:
                          - {name: tmp, pool: fast, volume: scratch, size: 1GiB, path: /scratch}
                    instances:
                      - name: player
                        image: busybox
                        profiles: [default, media]
                        protect: true
                """.getBytes(StandardCharsets.UTF_8), "lab.yaml").spec(), "lab.yaml");
        assertThat(g.protection().deleteRefusal("volume", "p2", "fast/media")).get().asString()
                .contains("it is disk media of profile media, which instance player uses and lab.yaml:24:18 marks"
                        + " `protect: true`");
        assertThat(g.protection().deleteRefusal("volume", "p2", "fast/homes")).get().asString()
                .contains("it is disk home of profile default, which instance player uses");
        assertThat(g.protection().deleteRefusal("volume", "p2", "fast/scratch")).as("a profile player does not use")
                .isEmpty();
    }

    @Test
    void onlyInstancesDeclaredPrivilegedWithAReasonMayBe() {
        assertThat(guards.privileged().allowance("p1", "builder")).get().extracting(a -> a.reason())
                .isEqualTo("loop mounts");
        assertThat(guards.privileged().allowance("p1", "db")).isEmpty();
        assertThat(Guards.of(Optional.empty(), "").privileged().allowed()).isEmpty();
    }
}
