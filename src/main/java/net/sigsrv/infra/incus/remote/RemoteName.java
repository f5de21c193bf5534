package net.sigsrv.infra.incus.remote;

import java.util.regex.Pattern;

/**
 * A remote's name is also a file name ({@code servercerts/NAME.crt}) and a key of infra's {@code projects} file, so
 * it may only be a plain name: letters, digits, {@code _}, {@code .} and {@code -}, not only dots. Every place a name
 * comes in — {@code remote add}, {@code --remote}, {@code INFRA_REMOTE}, the names in a CLI's {@code config.yml} —
 * checks it here before any file is read or written with it.
 */
public final class RemoteName {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");
    /** Longer names are cut in messages (with their length): a name is never repeated in full, whatever its size. */
    private static final int SHOWN = 64;

    private RemoteName() {
    }

    /** Whether {@code name} is a plain remote name. */
    public static boolean isPlain(String name) {
        return name != null && PLAIN.matcher(name).matches() && !name.chars().allMatch(c -> c == '.');
    }

    /** {@code name}, or an {@link IllegalArgumentException} saying why it cannot name a remote. */
    public static String check(String name) {
        if (!isPlain(name)) {
            throw new IllegalArgumentException("remote name " + shown(name) + " is not a plain name: use only"
                    + " letters, digits, '_', '.' and '-' (not only dots), since it names files such as"
                    + " servercerts/NAME.crt");
        }
        return name;
    }

    private static String shown(String name) {
        if (name == null) {
            return "(none)";
        }
        String cut = name.length() > SHOWN ? name.substring(0, SHOWN) + "… (" + name.length() + " characters)" : name;
        StringBuilder s = new StringBuilder("'");
        cut.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                s.append(String.format("\\x%02x", c));
            } else {
                s.append(Character.toChars(c));
            }
        });
        return s.append('\'').toString();
    }
}
