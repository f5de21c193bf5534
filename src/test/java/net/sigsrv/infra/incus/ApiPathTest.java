package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Paths sent to the daemon and names read back from its {@code recursion=0} listings. */
class ApiPathTest {

    @Test
    void segmentsAndQueryValuesAreEscaped() {
        assertThat(ApiPath.of("/1.0/instances", "web 1", "backups", "a/b").project("p q").target("m").render())
                .isEqualTo("/1.0/instances/web%201/backups/a%2Fb?project=p+q&target=m");
        assertThat(ApiPath.of("/1.0/instances").project("default").render()).isEqualTo("/1.0/instances");
        assertThat(new ApiPath("/1.0/x", Map.of()).with("k", null).render()).isEqualTo("/1.0/x");
    }

    @Test
    void theLastSegmentOfAListedUrlIsTheName() {
        assertThat(ApiPath.lastSegment("/1.0/instances/web")).isEqualTo("web");
        assertThat(ApiPath.lastSegment("/1.0/storage-pools/default/volumes/custom/v?project=p&target=m"))
                .isEqualTo("v");
        assertThat(ApiPath.lastSegment("/1.0/instances/web/backups/b%201")).isEqualTo("b 1");
        // LXD 5.0.2 lists backup names unescaped
        assertThat(ApiPath.lastSegment("/1.0/instances/web/backups/b 1")).isEqualTo("b 1");
        assertThat(ApiPath.lastSegment("/1.0/instances/web/backups/a%2Bb+c")).isEqualTo("a+b+c");
    }

    @Test
    void anAddressFromTheDaemonKeepsItsQueryWhenAPathSegmentIsAdded() {
        ApiPath op = ApiPath.parse("/1.0/operations/3f1c?project=web%20shop&target=minisrv");
        assertThat(op.path()).isEqualTo("/1.0/operations/3f1c");
        assertThat(op.query()).containsExactly(Map.entry("project", "web shop"), Map.entry("target", "minisrv"));
        assertThat(op.child("wait").with("timeout", "30").render())
                .isEqualTo("/1.0/operations/3f1c/wait?project=web+shop&target=minisrv&timeout=30");
        assertThat(ApiPath.parse("/1.0/operations/3f1c").child("wait").render()).isEqualTo("/1.0/operations/3f1c/wait");
    }
}
