package net.sigsrv.infra.spec.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {

    private static final List<String> KEYS = List.of("name", "vlan", "interface", "ipv4", "gateway");

    @Test
    void suggestsTheClosestKeyForTyposAndTranspositions() {
        assertThat(Suggest.closest("vlna", KEYS)).hasValue("vlan");
        assertThat(Suggest.closest("interfce", KEYS)).hasValue("interface");
        assertThat(Suggest.closest("gatway", KEYS)).hasValue("gateway");
        assertThat(Suggest.closest("Name", KEYS)).hasValue("name");
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertThat(Suggest.closest("colour", KEYS)).isEmpty();
        assertThat(Suggest.hint("colour", KEYS)).isEmpty();
        assertThat(Suggest.hint("vlna", KEYS)).isEqualTo(" (did you mean 'vlan'?)");
    }
}
