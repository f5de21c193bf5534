package net.sigsrv.infra.ops;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads chosen files out of a tarball (gzip-compressed or plain), streaming through the whole archive once. It
 * understands what the daemon's readers (Go's {@code archive/tar}, GNU tar) understand about names and sizes — POSIX
 * {@code prefix}, GNU long names, PAX {@code path} and {@code size} records, base-256 sizes, old GNU sparse headers
 * — so that a file cannot hide from it under a name the daemon would still read. Names are compared after dropping
 * empty and {@code .} components, as GNU tar extracts them.
 */
final class TarFiles {

    /** One file that was asked for: its normalized name, whether it is a regular file, and its bytes (if so). */
    record Entry(String name, boolean regular, byte[] data) {
    }

    /** The archive cannot be read; the message says why, for the user. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final int BLOCK = 512;

    private TarFiles() {
    }

    /** Every entry of {@code file} whose normalized name {@code wanted} accepts, each at most {@code limit} bytes. */
    static List<Entry> read(Path file, Predicate<String> wanted, int limit) throws Unreadable {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return entries(decompressed(raw), wanted, limit);
        } catch (EOFException e) {
            throw new Unreadable("it ends in the middle of an entry");
        } catch (IOException e) {
            throw new Unreadable(e.getMessage());
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException, Unreadable {
        in.mark(BLOCK);
        byte[] head = in.readNBytes(BLOCK);
        in.reset();
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        if (head.length == BLOCK && text(head, 257, 5).equals("ustar")) {
            return in;
        }
        throw new Unreadable(compression(head).map(c -> "it is " + c + "-compressed; infra reads gzip or plain tar")
                .orElse("it is not a tar archive (gzip-compressed or plain)"));
    }

    private static Optional<String> compression(byte[] h) {
        if (h.length >= 6 && (h[0] & 0xff) == 0xfd && h[1] == '7' && h[2] == 'z' && h[3] == 'X' && h[4] == 'Z') {
            return Optional.of("xz");
        }
        if (h.length >= 4 && (h[0] & 0xff) == 0x28 && (h[1] & 0xff) == 0xb5 && (h[2] & 0xff) == 0x2f
                && (h[3] & 0xff) == 0xfd) {
            return Optional.of("zstd");
        }
        if (h.length >= 3 && h[0] == 'B' && h[1] == 'Z' && h[2] == 'h') {
            return Optional.of("bzip2");
        }
        return Optional.empty();
    }

    private static List<Entry> entries(InputStream in, Predicate<String> wanted, int limit)
            throws IOException, Unreadable {
        List<Entry> out = new ArrayList<>();
        String nextName = null;
        long nextSize = -1;
        while (true) {
            byte[] h = in.readNBytes(BLOCK);
            if (h.length == 0 || isZero(h)) {
                return out; // end of archive (a missing end marker is tolerated, as by GNU tar)
            }
            if (h.length < BLOCK) {
                throw new EOFException();
            }
            char type = (char) h[156];
            boolean meta = type == 'x' || type == 'L' || type == 'K';
            long size = nextSize >= 0 && !meta ? nextSize : size(h);
            if (type == 'S' && h[482] != 0) {
                skipSparseExtensions(in);
            }
            if (meta) {
                // headers for the next entry: a PAX record set, a GNU long name, or a GNU long link target
                byte[] data = readData(in, size, 1 << 20, "an extended header");
                if (type == 'L') {
                    nextName = cString(data, 0, data.length);
                } else if (type == 'x') {
                    for (String[] kv : pax(data)) {
                        if (kv[0].equals("path")) {
                            nextName = kv[1];
                        } else if (kv[0].equals("size")) {
                            nextSize = parseSize(kv[1]);
                        }
                    }
                }
                continue;
            }
            String name = normalize(nextName != null ? nextName : name(h));
            nextName = null;
            nextSize = -1;
            if (wanted.test(name)) {
                boolean regular = type == '0' || type == '\0' || type == '7';
                out.add(new Entry(name, regular, regular ? readData(in, size, limit, name) : new byte[0]));
                if (!regular) {
                    skip(in, padded(size));
                }
            } else {
                skip(in, padded(size));
            }
        }
    }

    /** {@code a/./b//c} → {@code a/b/c}; a leading {@code ./} or {@code /} is dropped. */
    static String normalize(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    private static String name(byte[] h) {
        String name = cString(h, 0, 100);
        String magic = text(h, 257, 6);
        String prefix = magic.equals("ustar\0") ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static long size(byte[] h) throws Unreadable {
        if ((h[124] & 0x80) != 0) {
            long v = h[124] & 0x7f;
            for (int i = 125; i < 136; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String octal = cString(h, 124, 12).strip();
        try {
            return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
        } catch (NumberFormatException e) {
            throw new Unreadable("an entry has no valid size");
        }
    }

    private static long parseSize(String s) throws Unreadable {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new Unreadable("an extended header has no valid size");
        }
    }

    /** PAX records: {@code "LEN key=value\n"}, LEN counting the whole record. */
    private static List<String[]> pax(byte[] data) throws Unreadable {
        List<String[]> out = new ArrayList<>();
        int at = 0;
        while (at < data.length && data[at] != 0) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int len;
            try {
                len = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new Unreadable("an extended header is malformed");
            }
            if (len <= space - at || at + len > data.length) {
                throw new Unreadable("an extended header is malformed");
            }
            String record = new String(data, space + 1, at + len - space - 2, StandardCharsets.UTF_8);
            int eq = record.indexOf('=');
            if (eq > 0) {
                out.add(new String[] {record.substring(0, eq), record.substring(eq + 1)});
            }
            at += len;
        }
        return out;
    }

    private static void skipSparseExtensions(InputStream in) throws IOException {
        byte[] ext;
        do {
            ext = in.readNBytes(BLOCK);
            if (ext.length < BLOCK) {
                throw new EOFException();
            }
        } while (ext[504] != 0);
    }

    private static byte[] readData(InputStream in, long size, int limit, String what) throws IOException,
            Unreadable {
        if (size > limit) {
            throw new Unreadable(what + " is larger than " + limit + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException();
        }
        skip(in, padded(size) - size);
        return data;
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }

    private static void skip(InputStream in, long n) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException();
                }
                s = 1;
            }
            left -= s;
        }
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static String text(byte[] b, int off, int len) {
        return new String(b, off, Math.min(len, Math.max(0, b.length - off)), StandardCharsets.ISO_8859_1);
    }
}
