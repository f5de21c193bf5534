package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.PoolResources;
import net.sigsrv.infra.incus.api.StoragePool;
import net.sigsrv.infra.incus.api.StorageVolume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Storage pools as each member sees them, their usage, and custom volumes (filesystem and block) placed on a
 * chosen member with {@code ?target=}, with snapshots and copies. Volumes live in a project of this class.
 */
@Tag("lab")
class StorageLabTest {

    private static final String TOKEN = "itst" + Lab.token();
    private static final String PROJECT = TOKEN;
    private static final String POOL = "default";

    @BeforeAll
    static void project() {
        Lab.createProject(PROJECT, "volumes of StorageLabTest", true);
    }

    @AfterAll
    static void nothingLeftBehind() {
        Lab.deleteProjectLeavingNothing(PROJECT, TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void poolsPerMemberWithUsage(String transport, Endpoint endpoint) {
        try (IncusClient client = IncusClient.connect(endpoint)) {
            assertThat(client.storage().pools()).extracting(StoragePool::name).contains("default", "small");
            for (String m : Lab.members()) {
                StoragePool small = client.storage().pool("small", m).value();
                assertThat(small.driver()).isEqualTo("btrfs");
                assertThat(small.status()).isEqualTo("Created");
                assertThat(small.locations()).containsExactlyInAnyOrderElementsOf(Lab.members());
                assertThat(small.config()).as("member-specific keys of small on %s", m).containsKey("source")
                        .containsEntry("size", "1GiB");
                for (String pool : List.of("default", "small")) {
                    PoolResources r = client.storage().resources(pool, m);
                    assertThat(r.space().total()).as("%s on %s: total", pool, m).isPositive();
                    assertThat(r.space().used()).as("%s on %s: used", pool, m).isPositive()
                            .isLessThanOrEqualTo(r.space().total());
                    assertThat(r.space().percent()).isBetween(0.0, 100.0);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void customVolumesOnAChosenMember(String transport, Endpoint endpoint) {
        List<String> members = Lab.members();
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            for (String member : members) {
                String fs = TOKEN + transport.charAt(0) + "-fs-" + member;
                String block = TOKEN + transport.charAt(0) + "-blk-" + member;
                String copy = fs + "-copy";
                client.storage().createVolume(PROJECT, POOL, fs, "filesystem", member, Map.of("user.role", "data"));
                cleanup.add(() -> client.storage().deleteVolume(PROJECT, POOL, fs, member));
                client.storage().createVolume(PROJECT, POOL, block, "block", member, Map.of("size", "8MiB"));
                cleanup.add(() -> client.storage().deleteVolume(PROJECT, POOL, block, member));

                Tagged<StorageVolume> fsRead = client.storage().volume(PROJECT, POOL, fs, member);
                assertThat(fsRead.value().location()).isEqualTo(member);
                assertThat(fsRead.value().contentType()).isEqualTo("filesystem");
                assertThat(fsRead.value().type()).isEqualTo("custom");
                assertThat(fsRead.value().config()).containsEntry("user.role", "data");
                StorageVolume blockRead = client.storage().volume(PROJECT, POOL, block, member).value();
                assertThat(blockRead.location()).isEqualTo(member);
                assertThat(blockRead.contentType()).isEqualTo("block");
                assertThat(blockRead.config()).containsEntry("size", "8MiB");

                client.storage().updateVolume(PROJECT, POOL, fs, member, "app data", Map.of("user.role", "db"),
                        fsRead.etag());
                assertThat(client.storage().volume(PROJECT, POOL, fs, member).value().config())
                        .containsEntry("user.role", "db");
                assertThatThrownBy(() -> client.storage().updateVolume(PROJECT, POOL, fs, member, "stale",
                        Map.of(), fsRead.etag())).isInstanceOfSatisfying(IncusException.class,
                        e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.CHANGED));

                client.storage().snapshot(PROJECT, POOL, fs, "snap0", member);
                cleanup.add(() -> client.storage().deleteSnapshot(PROJECT, POOL, fs, "snap0", member));
                client.storage().snapshot(PROJECT, POOL, block, "before", member);
                cleanup.add(() -> client.storage().deleteSnapshot(PROJECT, POOL, block, "before", member));
                assertThat(client.storage().snapshots(PROJECT, POOL, fs, member)).containsExactly("snap0");
                assertThat(client.storage().snapshots(PROJECT, POOL, block, member)).containsExactly("before");

                client.storage().copyVolume(PROJECT, POOL, fs, POOL, copy, member);
                cleanup.add(() -> client.storage().deleteVolume(PROJECT, POOL, copy, member));
                StorageVolume copied = client.storage().volume(PROJECT, POOL, copy, member).value();
                assertThat(copied.location()).isEqualTo(member);
                assertThat(copied.config()).containsEntry("user.role", "db");

                client.storage().deleteSnapshot(PROJECT, POOL, fs, "snap0", member);
                assertThat(client.storage().snapshots(PROJECT, POOL, fs, member)).isEmpty();
            }
            List<StorageVolume> listed = client.storage().volumes(PROJECT, POOL);
            for (String member : members) {
                assertThat(listed).filteredOn(v -> v.name().startsWith(TOKEN + transport.charAt(0)))
                        .filteredOn(v -> v.location().equals(member)).extracting(StorageVolume::name)
                        .containsExactlyInAnyOrder(TOKEN + transport.charAt(0) + "-fs-" + member,
                                TOKEN + transport.charAt(0) + "-blk-" + member,
                                TOKEN + transport.charAt(0) + "-fs-" + member + "-copy");
            }
        }
    }
}
