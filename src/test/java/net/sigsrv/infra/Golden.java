package net.sigsrv.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Run the tests with {@code -Dgolden.update=true} to (re)write the expected files, then
 * read the diff before committing: a golden file is a claim about behaviour, not a snapshot to accept blindly.
 */
public final class Golden {

    private Golden() {
    }

    public static void assertMatches(Path expectedFile, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(expectedFile).as("golden file %s is missing; run with -Dgolden.update=true", expectedFile)
                .exists();
        String expected = Files.readString(expectedFile, StandardCharsets.UTF_8);
        assertThat(actual).as("output differs from %s (got, then want)", expectedFile).isEqualTo(expected);
    }

    /** The repository root, as Maven passes it; tests run with the repo as working directory otherwise. */
    public static Path repo() {
        return Path.of(System.getProperty("infra.repo", ".")).toAbsolutePath().normalize();
    }
}
