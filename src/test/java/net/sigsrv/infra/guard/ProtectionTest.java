package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProtectionTest {

    private final Protection protection = new Protection(List.of(
            new Protection.Protected("instance", "p1", "db", "lab.yaml:9:18 sets `protect: true`"),
            new Protection.Protected("volume", "p1", "fast/db-data", "it is disk data of instance db"),
            new Protection.Protected("project", "p1", "p1", "it holds instance db")), "lab.yaml");

    @Test
    void aProtectedObjectIsRefusedWithTheWayOut() {
        assertThat(protection.deleteRefusal("instance", "p1", "db")).contains("instance db in project p1 is"
                + " protected: lab.yaml:9:18 sets `protect: true`. Nothing was deleted. To delete it, edit the spec"
                + " first: remove `protect: true` from lab.yaml (or the instance entry), run `infra apply lab.yaml`,"
                + " then delete it again.");
        assertThat(protection.deleteRefusal("volume", "p1", "fast/db-data")).get().asString()
                .startsWith("volume fast/db-data in project p1 is protected: it is disk data of instance db.");
        assertThat(protection.deleteRefusal("project", "default", "p1")).get().asString()
                .startsWith("project p1 is protected: it holds instance db.");
    }

    @Test
    void theSameNameElsewhereIsNotProtected() {
        assertThat(protection.deleteRefusal("instance", "default", "db")).isEmpty();
        assertThat(protection.deleteRefusal("volume", "p1", "slow/db-data")).isEmpty();
        assertThat(protection.deleteRefusal("instance", "p1", "web")).isEmpty();
        assertThat(Protection.none().deleteRefusal("instance", "p1", "db")).isEmpty();
    }

    @Test
    void liftingTheLabKeyOfAProtectedInstanceIsRefused() {
        assertThat(protection.unprotectRefusal("p1", "db")).get().asString().contains(
                "security.protection.delete stays true");
        assertThat(protection.unprotectRefusal("p1", "web")).isEmpty();
    }

    @Test
    void privilegedNeedsTheSpecsLeave() {
        PrivilegedRule rule = new PrivilegedRule(List.of(new PrivilegedRule.Allowed("default", "builder",
                "loop mounts", Set.of("security.privileged"))), "lab.yaml");
        Map<String, String> privileged = Map.of("security.privileged", " TRUE");
        assertThat(rule.refusal("default", "builder", privileged)).isEmpty();
        assertThat(rule.refusal("default", "web", Map.of("security.privileged", "false"))).isEmpty();
        assertThat(rule.refusal("default", "web", Map.of())).isEmpty();
        assertThat(rule.refusal("p1", "builder", privileged)).get().asString()
                .contains("instance builder in project p1 would be privileged").contains("lab.yaml does not allow it")
                .contains("Rule " + PrivilegedRule.RULE + ".");
        assertThat(PrivilegedRule.none().refusal("default", "builder", privileged)).get().asString()
                .contains("no spec was given");
    }
}
