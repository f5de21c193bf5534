package net.sigsrv.infra.spec.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link SourceText#line} finds its lines once and splits them exactly as {@link String#lines()} does. */
class SourceTextTest {

    @Test
    void linesAreSplitAsStringLinesSplitsThem() {
        for (String text : new String[] {"", "a", "a\n", "a\nb", "a\r\nb\r\n", "a\rb\n\nc", "\n\n", "x\r", "é\n😀"}) {
            SourceText source = new SourceText("f", text);
            var expected = text.lines().toList();
            assertThat(IntStream.rangeClosed(1, expected.size()).mapToObj(source::line).toList()).as("%s", text)
                    .isEqualTo(expected);
            assertThat(source.line(0)).isEmpty();
            assertThat(source.line(expected.size() + 1)).isEmpty();
        }
    }
}
