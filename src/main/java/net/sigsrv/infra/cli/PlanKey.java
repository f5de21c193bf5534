package net.sigsrv.infra.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * The per-user secret that seals saved plans: 32 random bytes (hex) in {@code plan-seal} of infra's own config
 * directory ({@code ~/.config/sigsrv-infra}, {@code -Dsigsrv.infra.config=DIR} in tests), made on the first
 * {@code plan -out} with mode 0600. A file readable by others (or a symlink) is refused, as ssh refuses such a key:
 * a seal is worth only what the secrecy of its key is. The key never reaches output.
 */
final class PlanKey {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final int BYTES = 32;

    private PlanKey() {
    }

    static Path file() {
        return OpsSession.configDir().resolve("plan-seal");
    }

    /** The key, made now when there is none. */
    static byte[] loadOrCreate() throws IOException {
        Path file = file();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] key = new byte[BYTES];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.UTF_8);
                return key;
            } catch (FileAlreadyExistsException raced) {
                // another infra made it meanwhile: use that one
            }
        }
        return load().orElseThrow(() -> InfraException.invalidInput(file + " disappeared while it was read"));
    }

    /** The key, or empty when this user has none yet. */
    static Optional<byte[]> load() throws IOException {
        Path file = file();
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw InfraException.invalidInput("the plan seal file " + file + " is not a regular file; remove it"
                    + " (the next 'infra plan -out' makes a new one); nothing was saved or applied");
        }
        Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(mode)) {
            throw InfraException.invalidInput("the plan seal file " + file + " has mode "
                    + PosixFilePermissions.toString(mode) + "; it must be readable by its owner only (chmod 600 " + file
                    + "); nothing was saved or applied");
        }
        String hex = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            byte[] key = HexFormat.of().parseHex(hex);
            if (key.length == BYTES) {
                return Optional.of(key);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw InfraException.invalidInput("the plan seal file " + file + " is damaged; remove it (plans saved with"
                + " it can then no longer be applied; the next 'infra plan -out' makes a new one); nothing was saved or"
                + " applied");
    }
}
