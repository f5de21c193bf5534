package net.sigsrv.infra.spec.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SizeTest {

    @Test
    void parsesIncusStyleSizes() {
        assertThat(Size.parse("4GiB")).hasValue(4L << 30);
        assertThat(Size.parse("100GiB")).hasValue(100L << 30);
        assertThat(Size.parse("512MB")).hasValue(512_000_000L);
        assertThat(Size.parse("1024")).hasValue(1024L);
        assertThat(Size.parse("2TiB")).hasValue(2L << 40);
        assertThat(Size.parse("4 GiB")).hasValue(4L << 30);
    }

    @Test
    void rejectsWhatIncusWouldReject() {
        assertThat(Size.parse("4G")).isEmpty();
        assertThat(Size.parse("four GiB")).isEmpty();
        assertThat(Size.parse("-1GiB")).isEmpty();
        assertThat(Size.parse("1.5GiB")).isEmpty();
        assertThat(Size.parse("99999999999EiB")).as("overflow").isEmpty();
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertThat(Size.format(4L << 30)).isEqualTo("4GiB");
        assertThat(Size.format(1536L << 20)).isEqualTo("1536MiB");
        assertThat(Size.format(12)).isEqualTo("12B");
    }
}
