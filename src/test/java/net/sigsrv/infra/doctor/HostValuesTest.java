package net.sigsrv.infra.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The values host commands are built from are checked by their kind, with the kernel's interface-name rules, the
 * cluster's members and parsed addresses; and a remedy with one bad value is refused, not run.
 */
class HostValuesTest {

    private static final List<String> MEMBERS = List.of("sigsrv", "minisrv");

    /** Names the kernel itself accepts: shell syntax is no reason to refuse them (they are quoted). */
    @ParameterizedTest
    @ValueSource(strings = {"sigsrv0", "a;id", "$(id)", "`id`", "x=passwd=1", "a'b", "123456789012345", "-h", "..."})
    void kernelValidNamesPass(String name) {
        assertThat(HostValues.iface(name)).isEmpty();
    }

    @Test
    void namesTheKernelRefusesAreRefusedWithTheRule() {
        assertThat(HostValues.iface("1234567890123456")).hasValue("interface name '1234567890123456' has 16 bytes;"
                + " the kernel allows at most 15");
        assertThat(HostValues.iface("a/b")).hasValue("interface name 'a/b' holds '/', which the kernel refuses in"
                + " interface names");
        assertThat(HostValues.iface("a:b")).get().asString().contains("holds ':'");
        assertThat(HostValues.iface("a b")).get().asString().contains("holds ' '");
        assertThat(HostValues.iface("a\tb")).get().asString().contains("holds '\\u0009'");
        assertThat(HostValues.iface("a\nb")).get().asString().contains("holds '\\u000a'");
        assertThat(HostValues.iface("")).hasValue("the interface name is empty");
        assertThat(HostValues.iface(null)).hasValue("the interface name is empty");
        assertThat(HostValues.iface(".")).hasValue("'.' is not an interface name (the kernel refuses . and ..)");
        assertThat(HostValues.iface("..")).hasValue("'..' is not an interface name (the kernel refuses . and ..)");
        assertThat(HostValues.iface("ü")).get().asString().contains("cannot be shown as it is (U+00FC)");
        assertThat(HostValues.iface("a\u001bb")).get().asString().contains("cannot be shown as it is (U+001B)");
    }

    @Test
    void aLongValueIsCutInMessages() {
        String huge = "x".repeat(1_000_000);
        assertThat(HostValues.iface(huge)).get().asString().hasSizeLessThan(200)
                .contains("(1000000 characters)", "1000000 bytes");
    }

    @Test
    void membersMustBeKnownHostNames() {
        assertThat(HostValues.member("sigsrv", MEMBERS)).isEmpty();
        assertThat(HostValues.member("other", MEMBERS)).hasValue("'other' is not a member of the cluster");
        assertThat(HostValues.member("a;id", MEMBERS)).hasValue("'a;id' is not a host name");
        assertThat(HostValues.member("-oProxyCommand=id", List.of("-oProxyCommand=id")))
                .hasValue("'-oProxyCommand=id' is not a host name");
    }

    @Test
    void addressesAreParsed() {
        assertThat(HostValues.cidr("10.231.99.5", "24").value()).isEqualTo("10.231.99.5/24");
        assertThat(HostValues.cidr("fd42:1:2::5", "64").value()).isEqualTo("fd42:1:2::5/64");
        assertThat(HostValues.cidr("10.0.0.256", "24").problem()).isEqualTo("'10.0.0.256' is not an IPv4 address");
        assertThat(HostValues.cidr("10.0.0.1;id", "24").problem()).isEqualTo("'10.0.0.1;id' is not an IPv4 address");
        assertThat(HostValues.cidr("$(id)", "24").ok()).isFalse();
        assertThat(HostValues.cidr("fd42::1$(id)", "64").problem()).isEqualTo("'fd42::1$(id)' is not an IPv6 address");
        assertThat(HostValues.cidr("fd42::1::2", "64").ok()).isFalse();
        assertThat(HostValues.cidr("10.0.0.1", "33").problem()).isEqualTo("'33' is not a prefix length (0-32)");
        assertThat(HostValues.cidr("10.0.0.1", "24 dev lo").ok()).isFalse();
        assertThat(HostValues.cidr("10.0.0.1", "+24").ok()).isFalse();
        assertThat(HostValues.cidr("fd42::1", "129").ok()).isFalse();
    }

    @Test
    void aRemedyWithABadValueIsRefusedAndHasNoCommand() {
        HostRemedy r = HostRemedy.on("sigsrv", MEMBERS);
        r.run("ip", "link", "set", "dev", r.iface("a/b"), "up");
        Remedy remedy = r.remedy("Bring a/b up on sigsrv.", "`ip -br link` shows the interfaces.");
        assertThat(remedy.commands()).isEmpty();
        assertThat(remedy.isRefused()).isTrue();
        assertThat(remedy.text()).isEqualTo("Not automated (--fix runs nothing for it): interface name 'a/b' holds"
                + " '/', which the kernel refuses in interface names. Check by hand on sigsrv: `ip -br link` shows the"
                + " interfaces. The remedy: Bring a/b up on sigsrv.");
    }

    @Test
    void aRemedyTheSecretFilterWouldMaskIsRefused() {
        HostRemedy r = HostRemedy.on("sigsrv", MEMBERS);
        r.run("ip", "link", "set", "dev", r.iface("x=passwd=1"), "up");
        Remedy remedy = r.remedy("Bring it up.", "look.");
        assertThat(remedy.commands()).isEmpty();
        assertThat(remedy.refused()).contains("holds a secret");
    }

    @Test
    void aRemedyWithHostileButValidNamesRunsThemQuoted() {
        HostRemedy r = HostRemedy.on("sigsrv", MEMBERS);
        r.run("ip", "link", "set", "dev", r.iface("$(id)"), "master", r.bridge("br0"));
        Remedy remedy = r.remedy("Attach.", "look.");
        assertThat(remedy.isRefused()).isFalse();
        assertThat(remedy.commands()).singleElement().satisfies(c -> {
            assertThat(c.argv()).containsExactly("ip", "link", "set", "dev", "$(id)", "master", "br0");
            assertThat(c).hasToString("sigsrv$ ip link set dev '$(id)' master br0");
        });
    }

    @Test
    void aRemedyForAnUnknownMemberIsRefused() {
        HostRemedy r = HostRemedy.on("elsewhere", MEMBERS);
        r.run("ip", "link", "set", "dev", r.iface("sigsrv0"), "up");
        assertThat(r.remedy("Up.", "look.").refused()).isEqualTo("'elsewhere' is not a member of the cluster");
    }
}
