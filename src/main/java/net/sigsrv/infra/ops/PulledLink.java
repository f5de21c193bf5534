package net.sigsrv.infra.ops;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a symlink pulled from an instance may point on this machine: only inside the copy. A relative target is kept
 * when it resolves under the copy with {@code ..} only at its start (after a name, a link met on the way could lead
 * anywhere). An absolute target names the instance's file system — LXD even answers every link with its resolved
 * absolute target — so it is kept only when it lies in the directory being pulled, and is then made relative to
 * the same file in the copy. Anything else would point at this machine's own files.
 */
final class PulledLink {

    /** The copy: the instance's directory {@code source} (absolute) is pulled to {@code local} (absolute). */
    record Copy(String source, Path local) {
    }

    private PulledLink() {
    }

    /** The target to make at {@code link} for the instance's {@code target}, or empty when it leads outside. */
    static Optional<Path> inside(Path link, String target, Copy copy) {
        Path t;
        try {
            t = Path.of(target);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (target.isEmpty() || !dotsOnlyFirst(t)) {
            return Optional.empty();
        }
        if (!t.isAbsolute()) {
            return link.getParent().resolve(t).normalize().startsWith(copy.local()) ? Optional.of(t)
                    : Optional.empty();
        }
        String absolute = t.normalize().toString();
        String source = copy.source().length() > 1 && copy.source().endsWith("/")
                ? copy.source().substring(0, copy.source().length() - 1) : copy.source();
        String rest;
        if (absolute.equals(source)) {
            rest = "";
        } else if (source.equals("/") || absolute.startsWith(source + "/")) {
            rest = absolute.substring(source.equals("/") ? 1 : source.length() + 1);
        } else {
            return Optional.empty();
        }
        Path relative = link.getParent().relativize(copy.local().resolve(rest).normalize());
        return Optional.of(relative.toString().isEmpty() ? Path.of(".") : relative);
    }

    /** No {@code ..} after a name, and none at all in an absolute path. */
    private static boolean dotsOnlyFirst(Path t) {
        boolean named = t.isAbsolute();
        for (Path part : t) {
            String p = part.toString();
            if (p.equals("..") && named) {
                return false;
            }
            named |= !p.equals("..") && !p.equals(".");
        }
        return true;
    }

    /** The instance directory holding {@code path}: {@code /srv/s} for {@code /srv/s/x}, {@code /} for {@code /x}. */
    static String parentOf(String path) {
        int slash = path.lastIndexOf('/', path.length() > 1 && path.endsWith("/") ? path.length() - 2 : path.length());
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
