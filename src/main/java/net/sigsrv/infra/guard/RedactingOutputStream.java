package net.sigsrv.infra.guard;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An output stream that passes text through {@link Redactor} a line at a time ({@code \n} or {@code \r} ends a
 * line, so progress lines redrawn with {@code \r} show at once). A secret split across writes or flushes is still
 * masked, because nothing is released before it is known not to be part of a secret:
 * <ul>
 *   <li>a complete line is masked as a whole and written;</li>
 *   <li>on {@link #flush()} a partial line (up to 4 KiB) is released only up to its last whitespace, and not a
 *       mask at its end (the last word may be the start of a token, a masked value may grow); a prompt ending in
 *       ": " therefore shows before the program reads the answer;</li>
 *   <li>the lines inside a private key written over several lines are dropped (the line that opens it ends in
 *       {@link Redactor#MASK}), and so are the lines of the multi-line secrets {@link SecretBlocks} follows (YAML
 *       blocks and open quotes under a secret-named key, env pairs, wrapped base64); nothing of a line that may
 *       belong to one is released early.</li>
 * </ul>
 * Bytes are decoded as UTF-8 (ISO-8859-1 for a line that is not UTF-8: bytes then pass through unchanged).
 * Thread-safe; never throws from masking, only the target's own IOExceptions.
 */
public final class RedactingOutputStream extends OutputStream {

    /** Pending lines longer than this are not released piecemeal on flush. */
    private static final int PARTIAL_LIMIT = 4096;


    private final OutputStream target;
    private byte[] line = new byte[256];
    private int length;
    /** Bytes of the current line's masked form already written by a flush. */
    private int released;
    /** Whether the last line ended in {@code \r} and was written (a {@code \n} alone then completes its CRLF). */
    private boolean crWritten;
    /** Inside a PEM private key written over several lines. */
    private boolean privateKey;
    /** YAML blocks, open quotes, env pairs and wrapped base64 under a secret. */
    private final SecretBlocks blocks = new SecretBlocks();

    public RedactingOutputStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        append((byte) b);
        if (b == '\n' || b == '\r') {
            endLine();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        int from = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                append(b, from, i + 1 - from);
                endLine();
                from = i + 1;
            }
        }
        append(b, from, end - from);
    }

    /** Releases the part of a pending line that cannot belong to a secret, then flushes the target. */
    @Override
    public synchronized void flush() throws IOException {
        // a long pending line is not re-masked on every flush (that would be quadratic): it waits for its end
        if (length > 0 && length <= PARTIAL_LIMIT && !privateKey && !blocks.active()) {
            int complete = completeUtf8(length);
            Charset cs = charset(line, complete);
            String raw = new String(line, 0, complete, cs);
            String masked = Redactor.redact(raw);
            if (!Redactor.opensPrivateKey(raw)) {
                byte[] out = masked.substring(0, stable(masked)).getBytes(cs);
                if (out.length > released) {
                    target.write(out, released, out.length - released);
                    released = out.length;
                }
            }
        }
        target.flush();
    }

    /** Writes what is pending as if the line ended there, and flushes; the stream stays open. */
    public synchronized void finish() throws IOException {
        if (length > 0) {
            endLine();
        }
        target.flush();
    }

    /** {@link #finish()}, then closes the target. */
    @Override
    public synchronized void close() throws IOException {
        finish();
        target.close();
    }

    private void endLine() throws IOException {
        int textEnd = length;
        while (textEnd > 0 && (line[textEnd - 1] == '\n' || line[textEnd - 1] == '\r')) {
            textEnd--;
        }
        Charset cs = charset(line, textEnd);
        String text = new String(line, 0, textEnd, cs);
        byte[] terminator = Arrays.copyOfRange(line, textEnd, length);
        String out = process(text);
        if (out == text && released == 0) {
            target.write(line, 0, length); // nothing masked: the bytes as they came
        } else if (out != null) {
            byte[] bytes = out.getBytes(cs);
            if (bytes.length > released) {
                target.write(bytes, released, bytes.length - released);
            }
            target.write(terminator);
        } else if (text.isEmpty() && crWritten && terminator.length == 1 && terminator[0] == '\n') {
            target.write(terminator); // the second half of a CRLF whose line was written; other lines are dropped
        }
        crWritten = out != null && terminator.length > 0 && terminator[terminator.length - 1] == '\r';
        length = 0;
        released = 0;
        if (line.length > 64 * 1024) {
            line = new byte[256];
        }
    }

    /** The masked line to write, or null to drop it (inside a multi-line secret). */
    private String process(String text) {
        if (privateKey) {
            int end = text.indexOf("-----END ");
            if (end >= 0) {
                privateKey = false;
                String before = text.substring(0, end);
                return (before.isBlank() ? before : "") + Redactor.redact(text.substring(end));
            }
            if (isKeyBody(text)) {
                return null;
            }
            privateKey = false;
        }
        // the line that opens a multi-line secret already ends in the mask; the lines that follow are dropped,
        // decided on the line as written: masking may have replaced the BEGIN marker (a field named private-key)
        String masked = blocks.next(text, Redactor::redact);
        if (masked != null && !blocks.active() && Redactor.opensPrivateKey(text)) {
            privateKey = true;
        }
        return masked;
    }

    /** A PEM body line: base64, or an RFC 1421 header ({@code Proc-Type: 4,ENCRYPTED}). */
    private static boolean isKeyBody(String text) {
        String t = text.strip();
        return t.isEmpty() || SecretBlocks.isBase64(t) || t.matches("[A-Za-z-]+: [A-Za-z0-9,_ -]*");
    }

    /**
     * How much of a partial line's masked form is final: all but its last run without whitespace (it may be the
     * start of a token), and not a mask at its end (a masked value may still grow by words).
     */
    private static int stable(String masked) {
        int i = masked.length();
        while (i > 0 && !Character.isWhitespace(masked.charAt(i - 1))) {
            i--;
        }
        String trimmed = masked.stripTrailing();
        return trimmed.endsWith(Redactor.MASK) ? Math.min(i, trimmed.length() - Redactor.MASK.length()) : i;
    }

    /** How many of the first {@code n} bytes form complete UTF-8 sequences (a flush may split a character). */
    private int completeUtf8(int n) {
        for (int back = 1; back <= 3 && back <= n; back++) {
            int b = line[n - back] & 0xff;
            if (b < 0x80) {
                return n;
            }
            if (b >= 0xc0) {
                int need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return need > back ? n - back : n;
            }
        }
        return n;
    }

    private static Charset charset(byte[] bytes, int n) {
        boolean ascii = true;
        for (int i = 0; i < n && ascii; i++) {
            ascii = bytes[i] >= 0;
        }
        if (ascii) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n));
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    private void append(byte b) {
        ensure(1);
        line[length++] = b;
    }

    private void append(byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        ensure(len);
        System.arraycopy(b, off, line, length, len);
        length += len;
    }

    private void ensure(int more) {
        if (length + more > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + more));
        }
    }
}
