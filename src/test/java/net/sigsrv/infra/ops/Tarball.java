package net.sigsrv.infra.ops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small tarballs for tests, as {@code incus export} lays them out, including tricks a reader must follow. */
public final class Tarball {

    private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

    /** A regular file. */
    public Tarball file(String name, String text) {
        return entry(name, '0', text.getBytes(StandardCharsets.UTF_8));
    }

    /** A regular file whose real name is carried by a PAX {@code path} record, under a harmless header name. */
    public Tarball paxNamed(String headerName, String realName, String text) {
        String record = " path=" + realName + "\n";
        int len = record.length() + 1;
        while (String.valueOf(len).length() + record.length() != len) {
            len = String.valueOf(len).length() + record.length();
        }
        entry("PaxHeaders/" + headerName, 'x', (len + record).getBytes(StandardCharsets.UTF_8));
        return file(headerName, text);
    }

    /** A regular file whose name is carried by a GNU long-name entry. */
    public Tarball gnuLongNamed(String realName, String text) {
        entry("././@LongLink", 'L', (realName + "\0").getBytes(StandardCharsets.UTF_8));
        return file("short", text);
    }

    public Tarball entry(String name, char type, byte[] data) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", data.length));
        put(h, 136, "00000000000");
        h[156] = (byte) type;
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        tar.writeBytes(h);
        tar.writeBytes(data);
        tar.writeBytes(new byte[(512 - data.length % 512) % 512]);
        return this;
    }

    /** Writes the archive, gzip-compressed, with its end marker. */
    public Path writeGz(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(bytes());
        }
        return file;
    }

    public Path writePlain(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    private byte[] bytes() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(tar.toByteArray());
        all.writeBytes(new byte[1024]);
        return all.toByteArray();
    }

    private static void put(byte[] h, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, b.length);
    }

    /** An index.yaml as LXD and Incus write it, with the instance's own config given as YAML lines. */
    public static String index(String name, String configLines) {
        return "name: " + name + "\nbackend: dir\npool: default\noptimized: false\noptimized_header: false\n"
                + "type: container\nconfig:\n  container:\n    name: " + name + "\n    profiles:\n    - default\n"
                + "    config:\n" + configLines.indent(6) + "    devices: {}\n";
    }
}
