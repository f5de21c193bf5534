package net.sigsrv.infra.incus.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's training run makes a real HTTPS request with a client certificate through the normal client (so
 * the class cache holds the TLS path), and leaves no key behind.
 */
class TlsWarmupTest {

    @Test
    void oneMutuallyAuthenticatedRequestOnLoopbackAndNoKeysLeft() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = warmupDirs(tmp);
        assertThatCode(TlsWarmup::run).doesNotThrowAnyException();
        assertThat(warmupDirs(tmp)).isEqualTo(before);
    }

    private static long warmupDirs(Path tmp) throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("infra-tls-warmup")).count();
        }
    }
}
