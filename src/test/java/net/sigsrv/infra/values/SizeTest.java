package net.sigsrv.infra.values;

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

    /**
     * The spec and the simulator used to disagree here: the simulator read {@code 1.5GiB} as 1.5 × 2^30 bytes, the
     * spec refused it. Incus's {@code units.ParseByteSizeString} reads the number with {@code strconv.ParseInt},
     * so a decimal is no size at all; the one parser now says so everywhere.
     */
    @Test
    void aDecimalIsNoSizeAsInIncus() {
        assertThat(Size.parse("1.5GiB")).isEmpty();
        assertThat(Size.parse("0.5GB")).isEmpty();
        assertThat(Size.parse("1.0MiB")).isEmpty();
        assertThat(Size.parse("10GB")).hasValue(10_000_000_000L);
        assertThat(Size.parse("512MB")).hasValue(512_000_000L);
        assertThat(Size.parse("1kB")).hasValue(1000L);
    }

    @Test
    void everyIncusUnitUpToExa() {
        assertThat(Size.parse("3PB")).hasValue(3_000_000_000_000_000L);
        assertThat(Size.parse("2PiB")).hasValue(2L << 50);
        assertThat(Size.parse("1EB")).hasValue(1_000_000_000_000_000_000L);
        assertThat(Size.parse("7EiB")).hasValue(7L << 60);
        assertThat(Size.parse("8EiB")).as("overflow").isEmpty();
        assertThat(Size.parse("")).isEmpty();
    }
}
