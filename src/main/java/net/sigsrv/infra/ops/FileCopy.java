package net.sigsrv.infra.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import net.sigsrv.infra.incus.Fetched;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceTransfer;

/**
 * File push and pull between this machine and an instance, for a single file or (recursively) a directory tree.
 * A pulled file is written to a temporary file beside its place and moved there when complete, so a failed transfer
 * leaves no half file and an existing symlink at the place is replaced, never written through. Entry names from the
 * instance are taken as single path elements only ({@code ..} or a slash is refused): the instance is not trusted
 * to say where on this machine things go. For the same reason a symlink from the instance is made here only when it
 * stays inside the copy ({@link PulledLink}); one leading elsewhere would point at this machine's own files, so it
 * is refused — a single file is not written, in a tree it is left out and named — unless {@link PullOptions#links}
 * asks for links as they are. Setuid, setgid and sticky bits are dropped (and counted) unless
 * {@link PullOptions#keepSpecialBits}. Symlinks here are not pushed (they are counted as skipped).
 */
public final class FileCopy {

    /**
     * What a copy moved.
     *
     * @param specialBitsDropped pulled files and directories whose setuid, setgid or sticky bit was not kept
     * @param outsideLinks       symlinks of a pulled tree left out because they lead outside it, as
     *                           {@code NAME/PATH -> TARGET}
     */
    public record Copied(int files, int directories, int skipped, long bytes, int specialBitsDropped,
                         List<String> outsideLinks) {
        public Copied {
            outsideLinks = List.copyOf(outsideLinks);
        }

        Copied(int files, int directories, int skipped, long bytes) {
            this(files, directories, skipped, bytes, 0, List.of());
        }

        Copied plus(Copied o) {
            List<String> links = new ArrayList<>(outsideLinks);
            links.addAll(o.outsideLinks);
            return new Copied(files + o.files, directories + o.directories, skipped + o.skipped, bytes + o.bytes,
                    specialBitsDropped + o.specialBitsDropped, links);
        }
    }

    /**
     * How to pull.
     *
     * @param recursive       a directory is copied with its contents
     * @param links           symlinks are made as they are, wherever they lead
     * @param keepSpecialBits setuid, setgid and sticky bits are kept, and directories get the instance's mode
     */
    public record PullOptions(boolean recursive, boolean links, boolean keepSpecialBits) {
    }

    private static final int SPECIAL_BITS = 07000;
    private final InstanceTransfer transfer;
    private long sent;

    public FileCopy(IncusClient client) {
        this.transfer = new InstanceTransfer(client);
    }

    /**
     * Copies {@code path} of the instance to {@code local}. A directory needs {@code options.recursive()};
     * {@code local} then becomes the copy of it (made when missing, merged into when it is a directory).
     */
    public Copied pull(String project, String name, String path, Path local, PullOptions options,
                       LongConsumer progress) throws IOException {
        return pull(project, name, path, local.toAbsolutePath().normalize(), null, options, progress);
    }

    /**
     * {@code copy} is the directory being pulled and its place here, or null while the top entry is pulled (a
     * single entry's copy is then the directories holding it).
     */
    private Copied pull(String project, String name, String path, Path local, PulledLink.Copy copy,
                        PullOptions options, LongConsumer progress) throws IOException {
        Path dir = local.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".infra-pull-", ".part");
        try {
            Fetched got;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                got = transfer.fetch(project, name, path, out, n -> progress.accept(sent + n));
            }
            if (got.isDirectory()) {
                if (!options.recursive()) {
                    throw new Refused(name + path + " is a directory; pull it with its contents with -r"
                            + " (--recursive). Nothing was written.");
                }
                if (Files.exists(local, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(local, LinkOption.NOFOLLOW_LINKS)) {
                    throw new Refused(local + " exists and is not a directory; nothing was written.");
                }
                Files.createDirectories(local);
                Copied copied = new Copied(0, 1, 0, 0);
                for (String entry : got.entries()) {
                    copied = copied.plus(pull(project, name, child(path, entry), local.resolve(safe(entry, path)),
                            copy == null ? new PulledLink.Copy(path, local) : copy, options, progress));
                }
                if (options.keepSpecialBits()) {
                    mode(local, got.mode(), true); // last: a read-only directory is filled first
                }
                return copied.plus(new Copied(0, 0, 0, 0, dropsSpecialBits(got.mode(), options) ? 1 : 0,
                        List.of()));
            }
            sent += got.size();
            if ("symlink".equals(got.type())) {
                String target = Files.readString(tmp, StandardCharsets.UTF_8).strip();
                Optional<Path> made = options.links() ? Optional.of(Path.of(target)) : PulledLink.inside(local,
                        target, copy != null ? copy : new PulledLink.Copy(PulledLink.parentOf(path), dir));
                if (made.isEmpty()) {
                    if (copy == null) {
                        throw new Refused(name + path + " is a symlink to " + target + ", which leads outside "
                                + dir + "; it would point at this machine's own files. Nothing was written; give"
                                + " --links to make it as it is.");
                    }
                    return new Copied(0, 0, 0, 0, 0, List.of(name + path + " -> " + target));
                }
                Files.deleteIfExists(local);
                Files.createSymbolicLink(local, made.get());
                return new Copied(1, 0, 0, 0);
            }
            mode(tmp, got.mode(), options.keepSpecialBits());
            Files.move(tmp, local, StandardCopyOption.REPLACE_EXISTING);
            return new Copied(1, 0, 0, got.size(), dropsSpecialBits(got.mode(), options) ? 1 : 0, List.of());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean dropsSpecialBits(String mode, PullOptions options) {
        return !options.keepSpecialBits() && mode != null && mode.matches("0?[0-7]{3,4}")
                && (Integer.parseInt(mode, 8) & SPECIAL_BITS) != 0;
    }

    /**
     * Copies {@code local} into the instance at {@code path}: a file (owner root, {@code mode}), or with
     * {@code recursive} a directory tree (directories 0755, files 0755 when executable here, else {@code mode}).
     * With {@code createDirs} the missing directories above {@code path} are made first (0755); without, a missing
     * one is refused by name.
     */
    public Copied push(String project, String name, Path local, String path, String mode, boolean recursive,
                       boolean createDirs, LongConsumer progress) throws IOException {
        String parent = path.substring(0, Math.max(path.lastIndexOf('/'), 0));
        if (createDirs) {
            StringBuilder dir = new StringBuilder();
            for (String part : parent.split("/")) {
                if (!part.isEmpty()) {
                    dir.append('/').append(part);
                    transfer.mkdir(project, name, dir.toString(), "0755");
                }
            }
        }
        try {
            return push(project, name, local, path, mode, recursive, progress);
        } catch (IncusException e) {
            if (e.kind() == IncusException.Kind.NOT_FOUND && !createDirs) {
                throw new Refused("the directory " + (parent.isEmpty() ? "/" : parent) + " does not exist in " + name
                        + "; add -p (--create-dirs) to make it");
            }
            throw e;
        }
    }

    private Copied push(String project, String name, Path local, String path, String mode, boolean recursive,
                        LongConsumer progress) throws IOException {
        if (Files.isSymbolicLink(local)) {
            return new Copied(0, 0, 1, 0);
        }
        if (Files.isDirectory(local)) {
            if (!recursive) {
                throw new Refused(local + " is a directory; push it with its contents with -r (--recursive).");
            }
            transfer.mkdir(project, name, path, "0755");
            Copied copied = new Copied(0, 1, 0, 0);
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(local)) {
                entries.forEach(children::add);
            }
            children.sort(null);
            for (Path c : children) {
                copied = copied.plus(push(project, name, c, child(path, c.getFileName().toString()), mode, true,
                        progress));
            }
            return copied;
        }
        if (!Files.isRegularFile(local)) {
            throw new Refused(local + ": no such file");
        }
        long size = Files.size(local);
        String fileMode = recursive && Files.isExecutable(local) ? "0755" : mode;
        long before = sent;
        transfer.push(project, name, local, path, 0, 0, fileMode, n -> progress.accept(before + n));
        sent += size;
        return new Copied(1, 0, 0, size);
    }

    private static String child(String path, String entry) {
        return path.endsWith("/") ? path + entry : path + "/" + entry;
    }

    private static String safe(String entry, String path) {
        if (entry.isEmpty() || entry.equals(".") || entry.equals("..") || entry.contains("/")
                || entry.indexOf('\0') >= 0) {
            throw new Refused("the instance listed an entry '" + entry + "' in " + path + " that is not a plain name;"
                    + " refusing to write it here");
        }
        return entry;
    }

    /**
     * Applies an octal mode the daemon gave ({@code 0644}); leaves the default when there is none. Setuid, setgid
     * and sticky bits are applied only with {@code keepSpecialBits}.
     */
    private static void mode(Path p, String mode, boolean keepSpecialBits) throws IOException {
        if (mode == null || !mode.matches("0?[0-7]{3,4}")) {
            return;
        }
        int bits = Integer.parseInt(mode, 8) & (keepSpecialBits ? 07777 : 0777);
        try {
            if ((bits & SPECIAL_BITS) != 0) {
                Files.setAttribute(p, "unix:mode", bits); // chmod: the POSIX view has no such bits
                return;
            }
            Set<PosixFilePermission> perms = java.util.EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
            for (int i = 0; i < order.length; i++) {
                if ((bits & (1 << i)) != 0) {
                    perms.add(order[i]);
                }
            }
            Files.setPosixFilePermissions(p, perms);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // not a POSIX file system: the default mode stays
        }
    }
}
