package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;

import net.sigsrv.infra.incus.UsedBy.Type;
import org.junit.jupiter.api.Test;

/** A used_by entry is read into its kind, project, pool and name; its address stays as the daemon gave it. */
class UsedByTest {

    @Test
    void readsEachKindOfEntry() {
        assertThat(UsedBy.parse("/1.0/instances/web?project=p1"))
                .extracting(UsedBy::type, UsedBy::project, UsedBy::name).containsExactly(Type.INSTANCE, "p1", "web");
        assertThat(UsedBy.parse("/1.0/profiles/default"))
                .extracting(UsedBy::type, UsedBy::project, UsedBy::name)
                .containsExactly(Type.PROFILE, "default", "default");
        assertThat(UsedBy.parse("/1.0/storage-pools/fast%20one/volumes/custom/data?project=p1"))
                .extracting(UsedBy::type, UsedBy::pool, UsedBy::name).containsExactly(Type.VOLUME, "fast one", "data");
        assertThat(UsedBy.parse("/1.0/images/0123456789abcdef").type()).isEqualTo(Type.IMAGE);
        assertThat(UsedBy.parse("/1.0/networks/br0").type()).isEqualTo(Type.NETWORK);
        assertThat(UsedBy.parse("/1.0/storage-pools/fast/buckets/b?project=p1"))
                .extracting(UsedBy::type, UsedBy::path)
                .containsExactly(Type.OTHER, "/1.0/storage-pools/fast/buckets/b");
    }

    @Test
    void keepsTheAddressTheDaemonGave() {
        UsedBy u = UsedBy.parse("/1.0/instances/web?project=default");
        assertThat(u.project()).isEqualTo("default");
        assertThat(u.object(null)).hasToString("/1.0/instances/web?project=default");
    }
}
