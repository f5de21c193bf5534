package net.sigsrv.infra.talos.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One secrets file per cluster, {@code <directory>/<cluster>.secrets.yaml}, in talosctl's format. The directory is
 * {@link #defaultDirectory} unless the caller names another; it is made 0700 (and tightened to 0700 when it exists).
 * A file is written 0600 from its creation (a temporary file made with that mode in the same directory, then
 * renamed), so no moment exists when it is readable by others; a file found readable by group or others is refused.
 *
 * <p>A cluster's bundle is generated once: {@link #loadOrCreate} reads the file when it exists and creates it only
 * when it does not (two processes racing to create it end with one bundle: the loser reads the winner's).
 */
public final class SecretsStore {

    /** What {@link #importBundle} did. */
    public enum Outcome {
        /** No bundle was kept for the cluster; now the imported one is. */
        WRITTEN,
        /** The same bundle was already kept: nothing written. */
        UNCHANGED,
        /** Another bundle was kept and {@code force} replaced it. */
        REPLACED,
        /** Another bundle is kept and {@code force} was not given: nothing written. */
        REFUSED_DIFFERENT
    }

    private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");

    private final Path directory;

    public SecretsStore(Path directory) {
        this.directory = directory;
    }

    /** {@code <the spec's directory>/.infra/talos/<lab>}: beside the spec, one directory per lab. */
    public static Path defaultDirectory(Path specFile, String lab) {
        Path parent = specFile.toAbsolutePath().normalize().getParent();
        return parent.resolve(".infra").resolve("talos").resolve(safe("lab", lab));
    }

    public Path directory() {
        return directory;
    }

    /** Where {@code cluster}'s bundle is kept. */
    public Path path(String cluster) {
        return directory.resolve(safe("cluster", cluster) + ".secrets.yaml");
    }

    /**
     * The kept bundle of {@code cluster}, checked; empty when none is kept.
     *
     * @throws SecretsException when the file is readable by others, malformed or holds a bad part
     */
    public Optional<SecretsBundle> read(String cluster, Instant now) {
        Path file = path(cluster);
        String text;
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (!FILE_MODE.containsAll(mode)) {
                throw new SecretsException(file + ": mode " + PosixFilePermissions.toString(mode)
                        + " lets others read machine secrets; 'chmod 600 " + file + "' and run again", List.of());
            }
            if (Files.size(file) > SecretsFile.MAX_BYTES) {
                throw new SecretsException(file + ": larger than " + SecretsFile.MAX_BYTES + " bytes", List.of());
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read it", e);
        }
        return Optional.of(checked(file.toString(), text, now));
    }

    /** The bundle in {@code text}, structure and every part checked; {@code source} names it in the message. */
    public static SecretsBundle checked(String source, String text, Instant now) {
        SecretsFile.Parsed parsed = SecretsFile.parse(text);
        if (parsed.bundle().isEmpty()) {
            throw new SecretsException(source + ": not a usable Talos secrets file", parsed.problems());
        }
        List<SecretsCheck.Problem> problems = SecretsCheck.check(parsed.bundle().get(), now);
        if (!problems.isEmpty()) {
            throw new SecretsException(source + ": not a usable Talos secrets file", problems);
        }
        return parsed.bundle().get();
    }

    /**
     * {@code cluster}'s bundle: the kept one, or a new one for {@code talosVersion}, kept before it is returned.
     */
    public SecretsBundle loadOrCreate(String cluster, String talosVersion, SecretsGenerator generator, Instant now) {
        Optional<SecretsBundle> kept = read(cluster, now);
        if (kept.isPresent()) {
            return kept.get();
        }
        SecretsBundle made = generator.generate(talosVersion, now);
        if (!write(cluster, made, false)) {
            return read(cluster, now).orElseThrow(); // another process made it first: its bundle wins
        }
        return made;
    }

    /** Keeps {@code bundle} (already checked) for {@code cluster}; replaces a different one only with {@code force}. */
    public Outcome importBundle(String cluster, SecretsBundle bundle, boolean force, Instant now) {
        Optional<SecretsBundle> kept;
        try {
            kept = read(cluster, now);
        } catch (SecretsException e) {
            if (!force) {
                throw e;
            }
            // an unusable file counts as a different bundle
            write(cluster, bundle, true);
            return Outcome.REPLACED;
        }
        if (kept.isEmpty()) {
            return write(cluster, bundle, false) ? Outcome.WRITTEN : importBundle(cluster, bundle, force, now);
        }
        if (kept.get().equals(bundle)) {
            return Outcome.UNCHANGED;
        }
        if (!force) {
            return Outcome.REFUSED_DIFFERENT;
        }
        write(cluster, bundle, true);
        return Outcome.REPLACED;
    }

    /**
     * Writes the file atomically with mode 0600 from creation; false when {@code replace} is off and a file is
     * already there (it is left alone).
     */
    private boolean write(String cluster, SecretsBundle bundle, boolean replace) {
        Path file = path(cluster);
        Path tmp = null;
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIR_MODE));
            if (!DIR_MODE.equals(Files.getPosixFilePermissions(directory))) {
                Files.setPosixFilePermissions(directory, DIR_MODE);
            }
            tmp = Files.createTempFile(directory, "." + cluster + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(FILE_MODE));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.write(java.nio.ByteBuffer.wrap(SecretsFile.format(bundle).getBytes(StandardCharsets.UTF_8)));
                ch.force(true);
            }
            if (replace) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                try {
                    Files.createLink(file, tmp); // link(2) never replaces: a file made meanwhile wins
                } catch (FileAlreadyExistsException e) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write it", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is 0600 and named as such
                }
            }
        }
    }

    private static String safe(String what, String name) {
        if (name == null || !CLUSTER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " name " + name + ": not usable in a file name"
                    + " (letters, digits, '.', '_', '-'; up to 63)");
        }
        return name;
    }
}
