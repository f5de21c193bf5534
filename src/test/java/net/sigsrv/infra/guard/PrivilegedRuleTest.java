package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Privileged and privileged-equivalent keys need the spec's leave, key by key, wherever they come from. */
class PrivilegedRuleTest {

    private final PrivilegedRule rule = new PrivilegedRule(List.of(new PrivilegedRule.Allowed("default", "builder",
            "loop mounts", Set.of("security.privileged", "raw.lxc"))), "lab.yaml");

    @Test
    void everySpellingOfTrueIsPrivileged() {
        for (String yes : List.of("yes", "YES", "on", "On", "1", "True")) {
            assertThat(rule.refusal("default", "web", Map.of("security.privileged", yes))).as(yes).contains(
                    "refused: instance web in project default would be privileged (security.privileged=" + yes
                    + ") and lab.yaml does not allow it. Rule " + PrivilegedRule.RULE + ". Nothing was changed."
                    + " Declare the instance in the spec with `privileged: true` and `reason: …`, then try again.");
        }
        assertThat(rule.refusal("default", "web", Map.of("security.privileged", "off"))).isEmpty();
    }

    @Test
    void anEquivalentKeyIsRefusedByNameWithTheWayToConsent() {
        assertThat(rule.refusal("default", "web", Map.of("raw.idmap", "both 0 0"))).contains("refused: instance web"
                + " in project default would be privileged-equivalent (raw.idmap) and lab.yaml does not allow it."
                + " Rule " + PrivilegedRule.EQUIVALENT_RULE + ". Nothing was changed. Declare the instance in the"
                + " spec with `config: {raw.idmap: …}` and `reason: …`, then try again.");
        assertThat(PrivilegedRule.EQUIVALENT_RULE).startsWith("privileged-equivalent-without-reason: raw.lxc,"
                + " raw.idmap, raw.apparmor, raw.seccomp, linux.kernel_modules and security.syscalls.intercept.*");
    }

    @Test
    void theSpecAllowsOnlyTheKeysItDeclares() {
        assertThat(rule.refusal("default", "builder", Map.of("security.privileged", "on", "raw.lxc", "x")))
                .isEmpty();
        assertThat(rule.refusal("default", "builder", Map.of("linux.kernel_modules", "overlay"))).get().asString()
                .contains("would be privileged-equivalent (linux.kernel_modules)");
    }

    @Test
    void keysFromProfilesCountUnlessALaterSourceTurnsThemOff() {
        List<PrivilegedRule.Grant> grants = PrivilegedRule.grants(List.of(
                new PrivilegedRule.Source("profile raw", Map.of("raw.lxc", "x", "security.privileged", "true")),
                new PrivilegedRule.Source("profile hooks", Map.of("security.syscalls.intercept.mknod", "true")),
                new PrivilegedRule.Source("", Map.of("security.privileged", "false",
                        "security.syscalls.intercept.mknod", "true"))));
        assertThat(grants).containsExactly(new PrivilegedRule.Grant("raw.lxc", "x", "profile raw"),
                new PrivilegedRule.Grant("security.syscalls.intercept.mknod", "true", ""));
        assertThat(rule.refusal("default", "web", grants)).get().asString().contains("would be"
                + " privileged-equivalent (raw.lxc from profile raw, security.syscalls.intercept.mknod) and")
                .contains("`config: {raw.lxc: …, security.syscalls.intercept.mknod: …}`");
    }
}
