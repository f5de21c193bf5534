package net.sigsrv.infra.spec.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The one boolean parser and the one list of keys that spec rules, guards and the doctor share. */
class PrivilegeTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "1", "yes", "YES", "Yes", "on", "ON", "On", " true "})
    void theDaemonsTrueWordsAreTrueInAnyCase(String value) {
        assertThat(Privilege.isTrue(value)).isTrue();
        assertThat(Privilege.grants("security.privileged", value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "0", "no", "off", "", "2", "y", "t", "enabled", "truee"})
    void anythingElseIsNotTrue(String value) {
        assertThat(Privilege.isTrue(value)).isFalse();
        assertThat(Privilege.grants("security.privileged", value)).isFalse();
    }

    @Test
    void rawKeysCountWheneverSetAndInterceptKeysWhenEnabled() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("raw.lxc", "lxc.apparmor.profile=unconfined");
        config.put("raw.idmap", "both 0 0");
        config.put("raw.apparmor", "");
        config.put("raw.seccomp", "  ");
        config.put("linux.kernel_modules", "overlay");
        config.put("security.syscalls.intercept.mknod", "Yes");
        config.put("security.syscalls.intercept.setxattr", "false");
        config.put("security.syscalls.intercept.sysinfo", "OFF");
        config.put("security.syscalls.intercept.mount.allowed", "ext4");
        config.put("security.privileged", "no");
        config.put("security.nesting", "true");
        config.put("user.raw.lxc", "x");
        assertThat(Privilege.keysIn(config)).containsExactly("linux.kernel_modules", "raw.idmap", "raw.lxc",
                "security.syscalls.intercept.mknod", "security.syscalls.intercept.mount.allowed");
    }
}
